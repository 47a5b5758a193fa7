package io.botchannel.chat2desk.channel;

/** Shows a secret as {@code ****abcd}: enough to recognise it, never enough to use it. */
public final class TokenMask {

    private TokenMask() {
    }

    public static String mask(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        // Short tokens show nothing at all, so that the mask never gives away most of one
        String tail = token.length() >= 12 ? token.substring(token.length() - 4) : "";
        return "****" + tail;
    }
}
