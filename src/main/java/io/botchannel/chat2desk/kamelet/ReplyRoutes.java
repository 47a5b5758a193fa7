package io.botchannel.chat2desk.kamelet;

import io.botchannel.chat2desk.BundleDefaults;
import io.botchannel.chat2desk.BundleProperties;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import io.botchannel.chat2desk.outbound.Buttons;
import io.botchannel.chat2desk.outbound.Handovers;
import io.botchannel.chat2desk.outbound.OutboundMessages;
import io.botchannel.chat2desk.bounds.Connections;
import io.botchannel.chat2desk.outbound.RateLimit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The bundle's reply routes ({@code routes/chat2desk-outbound.camel.yaml}), which decide how a
 * reply looks and how a chat is handed over, for the Kamelets that send through them. In the
 * bundle they are there already, with whatever the user changed in them; a runtime that runs the
 * Kamelets alone gets them from the library jar, with the few beans they call made from the
 * runtime's properties ({@code markup.*}, {@code buttons.*}, {@code chat2desk.rate-per-second},
 * the bundle's defaults under them).
 */
public final class ReplyRoutes {

    /** The route every reply goes through. */
    public static final String SEND_REPLY = "chat2desk-send-reply";
    static final String LOCATION = "classpath:routes/chat2desk-outbound.camel.yaml";
    private static final String LINKS_INVISIBLE = "files.links-invisible";

    private ReplyRoutes() {
    }

    /** Adds the reply routes, and the beans they call, to a runtime that has none of them yet. */
    public static void addIfMissing(CamelContext context) throws Exception {
        if (context.getRoute(SEND_REPLY) != null) {
            return;
        }
        synchronized (ReplyRoutes.class) {
            if (context.getRoute(SEND_REPLY) != null) {
                return;
            }
            if (context.getPropertiesComponent().resolveProperty(LINKS_INVISIBLE).isEmpty()) {
                // a runtime that did not find the library's defaults by itself (camel run) gets them,
                // as the last of its property sources, for the keys these routes name
                context.getPropertiesComponent().addPropertiesSource(new BundleDefaults());
            }
            BundleProperties properties = new BundleProperties();
            properties.setCamelContext(context);
            Registry registry = context.getRegistry();
            // made here rather than by the bundle's factories, whose classes need the store's libraries
            bindIfMissing(registry, "outboundMessages", () ->
                    new OutboundMessages(MarkupTranslator.fromProperties(properties.startingWith("markup."))));
            bindIfMissing(registry, "buttons", () -> new Buttons(properties.startingWith("buttons."), null));
            bindIfMissing(registry, "handovers", Handovers::new);
            String rate = context.getPropertiesComponent().resolveProperty("chat2desk.rate-per-second").orElse("10");
            bindIfMissing(registry, "chat2deskRateLimit", () -> new RateLimit(Integer.parseInt(rate.trim())));
            int calls = Integer.parseInt(context.getPropertiesComponent()
                    .resolveProperty("chat2desk.max-calls-in-flight").orElse("256").trim());
            int connectMs = Integer.parseInt(context.getPropertiesComponent()
                    .resolveProperty("chat2desk.connect-timeout-ms").orElse("5000").trim());
            bindIfMissing(registry, "chat2deskConnections", () -> Connections.perAddress(calls, connectMs));
            Resource routes = ResourceHelper.resolveMandatoryResource(context, LOCATION);
            PluginHelper.getRoutesLoader(context).loadRoutes(routes);
        }
    }

    private static void bindIfMissing(Registry registry, String name, java.util.function.Supplier<Object> bean) {
        if (registry.lookupByName(name) == null) {
            registry.bind(name, bean.get());
        }
    }
}
