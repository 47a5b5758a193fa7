package io.botchannel.chat2desk.api;

import io.botchannel.chat2desk.channel.TokenMask;

/**
 * What the bundle repeats of another system's answer (Chat2Desk's, an Agent's, any host a channel
 * points at) in its own answers, checks and log lines: a short excerpt on one line. Control and
 * line-separator characters become spaces, runs of spaces one, and the text is cut at
 * {@link #MAX_LENGTH} characters, so a foreign answer can neither flood an answer nor start a line.
 */
public final class Excerpt {

    public static final int MAX_LENGTH = 200;

    private Excerpt() {
    }

    /** The excerpt of {@code text} ({@code ""} for null). */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && clean.length() <= MAX_LENGTH; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT) {
                space = clean.length() > 0;
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            clean.appendCodePoint(c);
        }
        if (clean.length() <= MAX_LENGTH) {
            return clean.toString();
        }
        int cut = MAX_LENGTH;
        if (Character.isLowSurrogate(clean.charAt(cut)) && Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        return clean.substring(0, cut) + "...";
    }

    /** The excerpt, with every occurrence of {@code token} (one the call carried) masked. */
    public static String of(String text, String token) {
        if (text == null || token == null || token.isEmpty()) {
            return of(text);
        }
        return of(text.replace(token, TokenMask.mask(token)));
    }
}
