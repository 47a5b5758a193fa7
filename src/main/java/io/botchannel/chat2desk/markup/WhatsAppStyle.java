package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * WhatsApp and Viber: {@code _italics_}, {@code *bold*}, {@code *_bold italics_*}; neither has link markup,
 * so links become {@code text (url)} as in {@link PlainStyle}.
 */
final class WhatsAppStyle implements MarkupStyle {

    private final String italic;
    private final String bold;

    WhatsAppStyle() {
        this("_", "*");
    }

    /** Other marker strings let the tests tell the markers this style emits from the Agent's literal ones. */
    WhatsAppStyle(String italic, String bold) {
        this.italic = italic;
        this.bold = bold;
    }

    @Override
    public String render(List<Inline> message) {
        StringBuilder out = new StringBuilder();
        append(message, false, false, out);
        return out.toString();
    }

    private void append(List<Inline> nodes, boolean inItalic, boolean inBold, StringBuilder out) {
        for (Inline node : nodes) {
            if (node instanceof Inline.Text text) {
                out.append(text.text());
            } else if (node instanceof Inline.Emphasis emphasis) {
                appendEmphasis(emphasis, inItalic, inBold, out);
            } else if (node instanceof Inline.Link link) {
                boolean withText = !link.showsOnlyUrl();
                if (withText) {
                    append(link.text(), inItalic, inBold, out);
                    out.append(" (");
                }
                out.append(link.url());
                if (withText) {
                    out.append(')');
                }
            }
        }
    }

    private void appendEmphasis(Inline.Emphasis emphasis, boolean inItalic, boolean inBold, StringBuilder out) {
        boolean alreadyShown = emphasis.bold() ? inBold : inItalic;
        if (alreadyShown) {
            // Italics inside italics look the same, and doubled markers (__x__) would not render at all
            append(emphasis.children(), inItalic, inBold, out);
            return;
        }
        if (wrapsOnlyTheOtherKind(emphasis, inItalic, inBold)) {
            // *__x__* and __*x*__ both mean bold italics, which WhatsApp writes as *_x_*
            Inline.Emphasis inner = (Inline.Emphasis) emphasis.children().get(0);
            out.append(bold).append(italic);
            append(inner.children(), true, true, out);
            out.append(italic).append(bold);
            return;
        }
        String marker = emphasis.bold() ? bold : italic;
        out.append(marker);
        append(emphasis.children(), inItalic || !emphasis.bold(), inBold || emphasis.bold(), out);
        out.append(marker);
    }

    private static boolean wrapsOnlyTheOtherKind(Inline.Emphasis emphasis, boolean inItalic, boolean inBold) {
        if (emphasis.children().size() != 1 || !(emphasis.children().get(0) instanceof Inline.Emphasis inner)) {
            return false;
        }
        return inner.bold() != emphasis.bold() && !(inner.bold() ? inBold : inItalic);
    }
}
