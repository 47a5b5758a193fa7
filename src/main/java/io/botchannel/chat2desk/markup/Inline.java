package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * One piece of a parsed Agent message. A {@link MarkupStyle} turns a list of these into a transport's text.
 *
 * <p>Every node remembers exactly what the Agent wrote ({@link #source}), so that "no text is ever lost" is
 * something the tests can check rather than hope for.
 */
public sealed interface Inline permits Inline.Text, Inline.Emphasis, Inline.Link {

    /** What the Agent wrote for this node, character for character. */
    String source();

    /** Characters shown as written, markers the parser did not match included. Never empty. */
    record Text(String text) implements Inline {
        @Override
        public String source() {
            return text;
        }
    }

    /** A matched marker pair around non-empty content, e.g. {@code __see__}. */
    record Emphasis(Marker marker, List<Inline> children) implements Inline {
        public boolean bold() {
            return marker.bold();
        }

        @Override
        public String source() {
            return marker.text() + Inline.source(children) + marker.text();
        }
    }

    /** {@code [text](url)}. */
    record Link(List<Inline> text, String url) implements Inline {
        /**
         * True when showing the text and then the address would repeat the address ({@code [https://x](https://x)})
         * or show nothing before it ({@code [](https://x)}); such links are shown as the bare address.
         */
        public boolean showsOnlyUrl() {
            String shown = plainText(text);
            return shown.isEmpty() || shown.equals(url);
        }

        @Override
        public String source() {
            return "[" + Inline.source(text) + "](" + url + ")";
        }
    }

    /** The Agent's text back again; {@code source(parse(x))} is {@code x}. */
    static String source(List<Inline> nodes) {
        StringBuilder out = new StringBuilder();
        for (Inline node : nodes) {
            out.append(node.source());
        }
        return out.toString();
    }

    /** The characters a reader sees, without any markup; links as {@code text (url)}. */
    static String plainText(List<Inline> nodes) {
        return PlainStyle.INSTANCE.render(nodes);
    }
}
