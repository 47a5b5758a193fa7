package io.botchannel.chat2desk.api;

import java.lang.reflect.Field;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An address no route serves (404), or a method its route does not take (405), is answered by
 * Vert.x itself, with an HTML page or nothing; callers get {@code {"error": ...}} as everywhere else.
 */
public record JsonErrorPages(int port) implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorPages.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter routes = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        Router server = routes == null ? null : serverRouter(routes.getServer());
        if (server == null) {
            LOG.warn("Unknown addresses and methods are answered by Vert.x's own pages, not as JSON: this Camel"
                    + " version's HTTP server keeps its router elsewhere");
            return;
        }
        server.errorHandler(404, request -> answer(request, 404, "nothing at " + request.request().method() + " "
                + request.request().path() + "; the README lists the bundle's addresses"));
        server.errorHandler(405, request -> answer(request, 405, "method " + request.request().method()
                + " is not allowed at " + request.request().path()));
    }

    /**
     * The router Vert.x itself answers unmatched requests from. Camel mounts the routes' router
     * under it and does not expose it, hence the reflection; a test guards it across upgrades.
     */
    private static Router serverRouter(VertxPlatformHttpServer server) {
        try {
            Field field = VertxPlatformHttpServer.class.getDeclaredField("router");
            field.setAccessible(true);
            return (Router) field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void answer(RoutingContext request, int status, String error) {
        if (!request.response().ended()) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"" + jsonText(error) + "\"}");
        }
    }

    private static String jsonText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
