package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * A stretch of the Agent's text, {@code [start, end)}, as the scanner classified it.
 *
 * @param markers  for {@link Type#DELIMITERS}: the markers of the run, left to right
 * @param canOpen  for {@link Type#DELIMITERS}: the run may start emphasis (nothing glued to it before, text after)
 * @param canClose for {@link Type#DELIMITERS}: the run may end emphasis (text before, nothing glued to it after)
 */
record Token(Type type, int start, int end, List<Marker> markers, boolean canOpen, boolean canClose) {

    enum Type {
        /** Shown as written: words, spaces, punctuation, URLs, e-mail addresses, runs that are not markers. */
        TEXT,
        /** A run of {@code *}/{@code _} that may open or close emphasis. */
        DELIMITERS,
        /** {@code [} */
        OPEN_BRACKET,
        /** {@code ]} not followed by a well-formed {@code (url)}. */
        CLOSE_BRACKET,
        /** {@code ](url)}: ends a link if a {@code [} is open. */
        LINK_TAIL
    }

    static Token text(int start, int end) {
        return new Token(Type.TEXT, start, end, List.of(), false, false);
    }

    static Token of(Type type, int start, int end) {
        return new Token(type, start, end, List.of(), false, false);
    }

    static Token delimiters(int start, int end, List<Marker> markers, boolean canOpen, boolean canClose) {
        return new Token(Type.DELIMITERS, start, end, markers, canOpen, canClose);
    }
}
