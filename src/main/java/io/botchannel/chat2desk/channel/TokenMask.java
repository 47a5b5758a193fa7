package io.botchannel.chat2desk.channel;

import io.botchannel.chat2desk.webhook.WebhookSignature;

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

    /**
     * A text from the other side (an answer, a refusal) with the token, and the signing key made
     * from it, masked wherever they appear: an Agent or a Chat2Desk may quote back what it was sent.
     */
    public static String hide(String text, String token) {
        if (text == null || token == null || token.isBlank()) {
            return text;
        }
        return text.replace(token, mask(token)).replace(WebhookSignature.keyFor(token), "****");
    }
}
