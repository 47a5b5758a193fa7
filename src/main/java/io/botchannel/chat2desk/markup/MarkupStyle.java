package io.botchannel.chat2desk.markup;

import java.util.List;

/**
 * How one family of transports shows the Agent's markup. Styles are named in the transport table
 * ({@code markup.transport.<transport>=<style>}); a new one (say {@code html}) is a new implementation
 * registered with {@link MarkupTranslator}.
 *
 * <p>A style must show every {@link Inline.Text} in full and every {@link Inline.Link} address: the bundle
 * promises that no text is lost, and the tests hold the built-in styles to it.
 */
@FunctionalInterface
public interface MarkupStyle {

    String render(List<Inline> message);
}
