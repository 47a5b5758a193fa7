package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * Transports without any text formatting (SMS, e-mail, Telegram as Chat2Desk relays it, ...): markers go,
 * links become {@code text (url)} so the address stays visible and clickable where the client detects it.
 */
final class PlainStyle implements MarkupStyle {

    static final PlainStyle INSTANCE = new PlainStyle();

    @Override
    public String render(List<Inline> message) {
        StringBuilder out = new StringBuilder();
        append(message, out);
        return out.toString();
    }

    private void append(List<Inline> nodes, StringBuilder out) {
        for (Inline node : nodes) {
            if (node instanceof Inline.Text text) {
                out.append(text.text());
            } else if (node instanceof Inline.Emphasis emphasis) {
                append(emphasis.children(), out);
            } else if (node instanceof Inline.Link link) {
                boolean withText = !link.showsOnlyUrl();
                if (withText) {
                    append(link.text(), out);
                    out.append(" (");
                }
                out.append(link.url());
                if (withText) {
                    out.append(')');
                }
            }
        }
    }
}
