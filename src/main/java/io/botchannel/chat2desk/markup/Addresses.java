package io.botchannel.chat2desk.markup;

/**
 * Finds URLs and e-mail addresses, which must reach the user exactly as written even though they often carry
 * {@code _} and {@code *} ({@code https://x.example/a_b?q=*x*}, {@code first_last@example.com}).
 *
 * <p>Both searches look ahead. Each remembers how far a failed look-ahead reached, because every later search
 * starting inside that stretch would fail at the same place; without that, text such as {@code a.a.a.a...} or
 * {@code a_a_a_a...} would be scanned again from every word and take quadratic time.
 */
final class Addresses {

    /** Trailing characters that usually end the sentence rather than the URL: {@code (see https://x.example).} */
    private static final String TRAILING = ".,;:!?'\")}*_";

    private final String text;
    private int noSchemeBefore;
    private int noEmailBefore;
    /** Characters read so far, look-aheads included: the work done, linear in the text. */
    private long reads;

    Addresses(String text) {
        this.text = text;
    }

    /**
     * The end of the URL starting at {@code start} ({@code scheme://...} or {@code www....}), or {@code start}
     * when there is none. Call only where a word starts.
     */
    int urlEnd(int start) {
        if (!Character.isLetter(charAt(start)) || !(hasScheme(start) || startsWithWww(start))) {
            return start;
        }
        int end = start;
        while (end < text.length() && !endsUrl(charAt(end))) {
            end++;
        }
        return withoutTrailing(start, end);
    }

    /**
     * The end of the e-mail address starting at {@code start}, or {@code start} when there is none. Call only
     * where a word starts.
     */
    int emailEnd(int start) {
        if (start < noEmailBefore || !Character.isLetterOrDigit(charAt(start))) {
            return start;
        }
        int at = start;
        while (at < text.length() && isLocalPart(charAt(at))) {
            at++;
        }
        int end = at < text.length() && charAt(at) == '@' ? domainEnd(at + 1) : -1;
        if (end < 0) {
            noEmailBefore = at;
            return start;
        }
        return end;
    }

    private boolean hasScheme(int start) {
        if (start < noSchemeBefore) {
            return false;
        }
        int colon = start;
        while (colon < text.length() && isSchemePart(charAt(colon))) {
            colon++;
        }
        reads += 3;
        boolean found = text.startsWith("://", colon) && colon + 3 < text.length()
                && !endsUrl(charAt(colon + 3));
        if (!found) {
            noSchemeBefore = colon;
        }
        return found;
    }

    private boolean startsWithWww(int start) {
        reads += 4;
        return text.regionMatches(true, start, "www.", 0, 4) && start + 4 < text.length()
                && Character.isLetterOrDigit(charAt(start + 4));
    }

    /**
     * Drops sentence punctuation and markers after the URL ({@code _see https://x.example_}), except when the
     * URL itself uses that marker ({@code https://x.example/?q=*x*}): then the whole of it is the URL.
     */
    private int withoutTrailing(int start, int end) {
        int kept = end;
        while (kept > start && TRAILING.indexOf(charAt(kept - 1)) >= 0) {
            kept--;
        }
        boolean starInTail = false;
        boolean underscoreInTail = false;
        for (int i = kept; i < end; i++) {
            starInTail |= charAt(i) == '*';
            underscoreInTail |= charAt(i) == '_';
        }
        for (int i = start; i < kept; i++) {
            char c = charAt(i);
            if (starInTail && c == '*' || underscoreInTail && c == '_') {
                return end;
            }
        }
        return kept;
    }

    /** {@code label(.label)+}; returns the end, or -1 when there is no such domain. */
    private int domainEnd(int start) {
        int labels = 0;
        int at = start;
        while (true) {
            int labelStart = at;
            while (at < text.length() && (Character.isLetterOrDigit(charAt(at)) || charAt(at) == '-')) {
                at++;
            }
            if (at == labelStart) {
                return -1;
            }
            labels++;
            boolean moreLabels = at + 1 < text.length() && charAt(at) == '.'
                    && Character.isLetterOrDigit(charAt(at + 1));
            if (!moreLabels) {
                return labels >= 2 ? at : -1;
            }
            at++;
        }
    }

    long reads() {
        return reads;
    }

    private char charAt(int at) {
        reads++;
        return text.charAt(at);
    }

    private static boolean endsUrl(char c) {
        // ] ends a URL so that [https://x.example](https://x.example) is still read as a link
        return MarkupScanner.isSpace(c) || c == '[' || c == ']' || c == '<' || c == '>';
    }

    private static boolean isSchemePart(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
    }

    private static boolean isLocalPart(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
}
