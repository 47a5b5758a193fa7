package io.botchannel.chat2desk.markup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the {@link Inline} tree from the scanner's tokens with a stack of open markers and brackets, in the
 * manner of CommonMark's delimiter stack but simpler.
 *
 * <ul>
 *   <li>An opening run pushes one frame per marker ({@code *__} pushes {@code *} then {@code __}).</li>
 *   <li>A closing run closes, marker by marker, the nearest open frame with the same marker. Frames opened
 *       after that one and still open were never closed: they fall back to literal text. At the first marker
 *       with nothing to close, the rest of the run stays literal (or opens, if the run can open).</li>
 *   <li>A bracket is a wall: markers inside {@code [...]} only pair with markers inside it, so a link and an
 *       emphasis never cross. {@code ](url)} closes the nearest open bracket into a link; a lone {@code ]} turns
 *       it and everything still open inside it back into text.</li>
 *   <li>Whatever is still open at the end is text again. Nothing is ever dropped: every frame remembers the
 *       characters that opened it.</li>
 * </ul>
 *
 * <p>At most {@link #MAX_DEPTH} frames are open at once; further openers stay literal. Agents do not nest
 * markup that deep, and the limit keeps both the search for a matching frame and the styles' recursion over
 * the tree bounded whatever the input (a megabyte of {@code [[[[} or {@code *a *a *a}).
 */
final class MarkupParser {

    static final int MAX_DEPTH = 32;

    private final String text;
    private final List<Frame> stack = new ArrayList<>();
    /** Tokens taken, frames looked at and characters moved back: with the scanner's reads, the work done. */
    private long steps;
    private long reads;
    /** Parsing stops once the work passes this: a count for a test that must end even on a quadratic parser. */
    private final long budget;

    private MarkupParser(String text, long budget) {
        this.text = text;
        this.budget = budget;
        stack.add(new Frame(Frame.Kind.ROOT, null, ""));
    }

    static List<Inline> parse(String text) {
        return new MarkupParser(text, Long.MAX_VALUE).run();
    }

    /**
     * The work of parsing the text: the characters the scanner read (look-aheads included), the tokens, the
     * open frames looked at and the characters moved back when an opener was never closed. Linear in the text
     * whatever it holds; a count that grows faster is a parser that would stall on some message.
     *
     * @param budget the parse stops soon after its work passes this, and the count returned is then above it
     */
    static long work(String text, long budget) {
        MarkupParser parser = new MarkupParser(text, budget);
        parser.run();
        return parser.steps + parser.reads;
    }

    private List<Inline> run() {
        MarkupScanner scanner = new MarkupScanner(text);
        for (Token token = scanner.next(); token != null; token = scanner.next()) {
            if (++steps + scanner.reads() > budget) {
                break;
            }
            switch (token.type()) {
                case TEXT -> top().appendText(text, token.start(), token.end());
                case DELIMITERS -> delimiters(token);
                case OPEN_BRACKET -> open(new Frame(Frame.Kind.BRACKET, null, "["), token);
                case CLOSE_BRACKET -> closeBracket(token);
                case LINK_TAIL -> linkTail(token);
            }
        }
        while (stack.size() > 1) {
            revertTop();
        }
        reads = scanner.reads();
        return top().finish();
    }

    private void delimiters(Token token) {
        List<Marker> markers = token.markers();
        int next = 0;
        if (token.canClose()) {
            while (next < markers.size() && close(markers.get(next))) {
                next++;
            }
        }
        for (; next < markers.size(); next++) {
            steps++;
            Marker marker = markers.get(next);
            if (token.canOpen() && stack.size() < MAX_DEPTH) {
                stack.add(new Frame(Frame.Kind.EMPHASIS, marker, marker.text()));
            } else {
                top().appendText(marker.text());
            }
        }
    }

    /** Closes the nearest open {@code marker} inside the current brackets; false when there is none. */
    private boolean close(Marker marker) {
        int at = stack.size() - 1;
        while (at > 0 && stack.get(at).kind == Frame.Kind.EMPHASIS && stack.get(at).marker != marker) {
            steps++;
            at--;
        }
        Frame frame = stack.get(at);
        // Frames above it are content too (they fall back to text); only a frame with nothing at all is empty
        boolean empty = frame.isEmpty() && at == stack.size() - 1;
        if (frame.kind != Frame.Kind.EMPHASIS || empty) {
            return false;
        }
        while (stack.size() - 1 > at) {
            revertTop();
        }
        stack.remove(at);
        top().appendNode(new Inline.Emphasis(marker, frame.finish()));
        return true;
    }

    private void open(Frame frame, Token token) {
        if (stack.size() < MAX_DEPTH) {
            stack.add(frame);
        } else {
            top().appendText(text, token.start(), token.end());
        }
    }

    private void closeBracket(Token token) {
        if (revertToBracket()) {
            revertTop();
        }
        top().appendText(text, token.start(), token.end());
    }

    private void linkTail(Token token) {
        if (!revertToBracket()) {
            top().appendText(text, token.start(), token.end());
            return;
        }
        Frame bracket = stack.remove(stack.size() - 1);
        String url = text.substring(token.start() + 2, token.end() - 1);
        top().appendNode(new Inline.Link(bracket.finish(), url));
    }

    /** Turns open markers back into text down to the nearest open bracket; false when no bracket is open. */
    private boolean revertToBracket() {
        int at = stack.size() - 1;
        while (at > 0 && stack.get(at).kind != Frame.Kind.BRACKET) {
            steps++;
            at--;
        }
        if (at == 0) {
            return false;
        }
        while (stack.size() - 1 > at) {
            revertTop();
        }
        return true;
    }

    /** An opener that was never closed: its characters and its content go back, as written, to the frame below. */
    private void revertTop() {
        Frame frame = stack.remove(stack.size() - 1);
        Frame below = top();
        below.appendText(frame.opener);
        steps += frame.opener.length();
        for (Inline child : frame.finish()) {
            steps++;
            if (child instanceof Inline.Text literal) {
                steps += literal.text().length();
                below.appendText(literal.text());
            } else {
                below.appendNode(child);
            }
        }
    }

    private Frame top() {
        return stack.get(stack.size() - 1);
    }

    /** Something opened and not yet closed, and what has been read inside it so far. */
    private static final class Frame {

        enum Kind { ROOT, EMPHASIS, BRACKET }

        final Kind kind;
        final Marker marker;
        final String opener;
        private final List<Inline> children = new ArrayList<>();
        // Adjacent text is gathered here so that a long message becomes a few Text nodes, not one per word
        private final StringBuilder pending = new StringBuilder();

        Frame(Kind kind, Marker marker, String opener) {
            this.kind = kind;
            this.marker = marker;
            this.opener = opener;
        }

        void appendText(CharSequence chars) {
            pending.append(chars);
        }

        void appendText(CharSequence chars, int start, int end) {
            pending.append(chars, start, end);
        }

        void appendNode(Inline node) {
            flush();
            children.add(node);
        }

        boolean isEmpty() {
            return children.isEmpty() && pending.length() == 0;
        }

        List<Inline> finish() {
            flush();
            return Collections.unmodifiableList(children);
        }

        private void flush() {
            if (pending.length() > 0) {
                children.add(new Inline.Text(pending.toString()));
                pending.setLength(0);
            }
        }
    }
}
