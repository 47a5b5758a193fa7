package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * Cuts the Agent's text into {@link Token}s in one left-to-right pass. No regular expressions: the Agent's
 * text is untrusted, and a backtracking pattern over {@code *_*_*_...} or {@code [[[[...} could take
 * exponential or quadratic time. Every look-ahead here either consumes what it read or is remembered as
 * failed (see {@link Addresses}), so the whole pass is linear. A backslash before {@code * _ [ ]} shows that
 * character as written: the backslash is dropped and the character is plain text.
 */
final class MarkupScanner {

    private final String text;
    private final Addresses addresses;
    private int position;
    /** A {@code ](} whose address would start before this index has no closing {@code )}: don't look again. */
    private int noLinkTailBefore;
    /** Characters read so far, look-aheads included. */
    private long reads;

    MarkupScanner(String text) {
        this.text = text;
        this.addresses = new Addresses(text);
    }

    /** The next token, or null at the end of the text. */
    Token next() {
        if (position >= text.length()) {
            return null;
        }
        char c = charAt(position);
        if (isEscape(position)) {
            position += 2;
            return Token.text(position - 1, position);
        }
        if (c == '*' || c == '_') {
            return delimiterRun();
        }
        if (c == '[') {
            return Token.of(Token.Type.OPEN_BRACKET, position, ++position);
        }
        if (c == ']') {
            return closeBracket();
        }
        if (Character.isLetterOrDigit(c)) {
            return word();
        }
        return other();
    }

    /** The characters read so far, by the scanner and its address searches: linear in the text. */
    long reads() {
        return reads + addresses.reads();
    }

    private char charAt(int at) {
        reads++;
        return text.charAt(at);
    }

    /** Whitespace including no-break spaces, which {@link Character#isWhitespace} does not count. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private Token delimiterRun() {
        int start = position;
        while (position < text.length() && (charAt(position) == '*' || charAt(position) == '_')) {
            position++;
        }
        // Splitting the run reads it once more
        reads += position - start;
        List<Marker> markers = Marker.split(text, start, position);
        // Markers glued to a letter or digit on the outside are part of a word: snake_case, my__var__name, 2*3*4
        boolean wordBefore = start > 0 && Character.isLetterOrDigit(charAt(start - 1));
        boolean wordAfter = position < text.length() && Character.isLetterOrDigit(charAt(position));
        // ... and markers with a space on the inside hug nothing: 2 * 3, "* item"
        boolean textBefore = start > 0 && !isSpace(charAt(start - 1));
        boolean textAfter = position < text.length() && !isSpace(charAt(position));
        boolean canOpen = textAfter && !wordBefore;
        boolean canClose = textBefore && !wordAfter;
        if (markers == null || !(canOpen || canClose)) {
            return Token.text(start, position);
        }
        return Token.delimiters(start, position, markers, canOpen, canClose);
    }

    private Token closeBracket() {
        int start = position;
        int urlStart = start + 2;
        if (urlStart < text.length() && charAt(start + 1) == '(' && urlStart >= noLinkTailBefore) {
            int at = urlStart;
            while (at < text.length() && !endsLinkAddress(charAt(at))) {
                at++;
            }
            if (at < text.length() && charAt(at) == ')' && at > urlStart) {
                position = at + 1;
                return Token.of(Token.Type.LINK_TAIL, start, position);
            }
            noLinkTailBefore = at;
        }
        return Token.of(Token.Type.CLOSE_BRACKET, start, ++position);
    }

    private static boolean endsLinkAddress(char c) {
        // Brackets end it too, so that an unclosed "[a](" cannot swallow a later "[b](url)"
        return c == ')' || c == '[' || c == ']' || isSpace(c);
    }

    private Token word() {
        int start = position;
        boolean startsWord = start == 0 || !Character.isLetterOrDigit(charAt(start - 1));
        if (startsWord) {
            int end = addresses.urlEnd(start);
            if (end == start) {
                end = addresses.emailEnd(start);
            }
            if (end > start) {
                position = end;
                return Token.text(start, end);
            }
        }
        while (position < text.length() && Character.isLetterOrDigit(charAt(position))) {
            position++;
        }
        return Token.text(start, position);
    }

    private Token other() {
        int start = position;
        while (position < text.length() && !startsToken(charAt(position)) && !isEscape(position)) {
            position++;
        }
        return Token.text(start, position);
    }

    /** A backslash that escapes the marker or bracket after it. */
    private boolean isEscape(int at) {
        return charAt(at) == '\\' && at + 1 < text.length() && isEscapable(charAt(at + 1));
    }

    static boolean isEscapable(char c) {
        return c == '*' || c == '_' || c == '[' || c == ']';
    }

    private static boolean startsToken(char c) {
        return c == '*' || c == '_' || c == '[' || c == ']' || Character.isLetterOrDigit(c);
    }
}
