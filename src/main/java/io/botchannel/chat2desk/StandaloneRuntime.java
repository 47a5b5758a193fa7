package io.botchannel.chat2desk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiKey;
import io.botchannel.chat2desk.health.HealthDetails;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What only the standalone runtime (Camel Main on Vert.x, {@link Application}) does: the bundle's own
 * routes and beans come from {@code routes/} on every runtime, but here the bundle is also the HTTP
 * server and the metrics endpoint. Other runtimes have their own of each.
 */
public class StandaloneRuntime implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        int serverPort = integer(context, "camel.server.port");
        requireFreePort(context.resolvePropertyPlaceholders("{{camel.server.host:0.0.0.0}}"), serverPort,
                "camel.server.port");
        boolean management = Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{camel.management.enabled}}"));
        int managementPort = integer(context, "camel.management.port");
        if (management && managementPort != serverPort) {
            requireFreePort(context.resolvePropertyPlaceholders("{{camel.management.host:0.0.0.0}}"), managementPort,
                    "camel.management.port");
        }
        // A webhook holds one of the HTTP server's worker threads until the store committed it. Vert.x's
        // default 20 capped an instance 1 ms from PostgreSQL, whose commits then took about 60 ms, at
        // about 340 webhooks/s; the server takes these options when it creates its Vert.x
        context.getRegistry().bind("vertxOptions", new VertxOptions().setWorkerPoolSize(integer(context, "channel.http-workers")));
        context.addStartupListener(new OversizedBodies(serverPort,
                context.resolvePropertyPlaceholders("{{camel.server.max-body-size}}")));
        if (management && Boolean.parseBoolean(context.resolvePropertyPlaceholders(
                "{{camel.management.health-check-enabled:false}}"))) {
            context.addStartupListener(new HealthDetailsForOperators(managementPort,
                    context.resolvePropertyPlaceholders("{{camel.management.health-path:/observe/health}}"),
                    context.resolvePropertyPlaceholders("{{health.details-allow-from}}")));
        }
        if (!Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{sandbox.enabled}}"))) {
            // with the sandbox, the summary follows the demo channel's activation (sandbox-demo-channel.camel.yaml)
            context.addStartupListener(new SummaryAtStart());
        }
    }

    private static int integer(CamelContext context, String key) {
        String value = context.resolvePropertyPlaceholders("{{" + key + "}}").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'", e);
        }
    }

    /**
     * Camel logs a taken port and keeps running without a listener; a bundle that cannot hear its
     * webhooks (or be watched on its management port) must not start at all.
     */
    static void requireFreePort(String host, int port, String key) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is already in use: stop the process that holds it or"
                    + " start with -D" + key + "=<another port>", e);
        }
    }

    /**
     * Vert.x refuses a body over {@code camel.server.max-body-size} itself, with a bare 413 and an
     * error in the log; callers get it as JSON like every other refusal, and the log stays quiet.
     */
    private record OversizedBodies(int port, String limit) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(port));
            if (router != null) {
                router.route().failureHandler(request -> {
                    if (request.statusCode() == 413 && !request.response().ended()) {
                        request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                                .end("{\"error\":\"body: larger than the " + limit + " bytes accepted\"}");
                    } else {
                        request.next();
                    }
                });
            }
        }
    }

    /**
     * The health answers of the management port give their details (channels, API addresses,
     * Chat2Desk's words) only to the callers {@link HealthDetails} names; others get the status
     * alone. This runs before the management server's own health handler, which serves the details.
     */
    private record HealthDetailsForOperators(int port, String path, String allowFrom) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(port));
            if (router == null) {
                throw new IllegalStateException("the management server on port " + port + " has no router to guard");
            }
            HealthDetails details = new HealthDetails(allowFrom,
                    context.getRegistry().lookupByNameAndType("apiKey", ApiKey.class));
            Map<String, HealthDetails.Kind> answers = Map.of(path, HealthDetails.Kind.ALL,
                    path + "/live", HealthDetails.Kind.LIVENESS, path + "/ready", HealthDetails.Kind.READINESS);
            answers.forEach((address, kind) -> router.route(address).method(HttpMethod.GET).order(-1).handler(call -> {
                String caller = call.request().remoteAddress().hostAddress();
                if (details.shown(caller, call.request().getHeader("Authorization"))) {
                    call.next();
                    return;
                }
                call.vertx().executeBlocking(() -> HealthDetails.up(context, kind), false).onComplete(result -> {
                    boolean up = result.succeeded() && result.result();
                    call.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                            .end("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}\n");
                });
            }));
        }
    }

    /** Logs the startup summary once every route has started. */
    private static final class SummaryAtStart implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // not yet: the routes start after this
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            context.getRegistry().lookupByNameAndType("startupSummary", StartupSummary.class).log(context);
        }
    }
}
