package io.botchannel.chat2desk.health;

import java.util.List;
import java.util.Map;

import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the routes as one check: UP while every route is started, DOWN naming those that
 * are not. Camel's own checks (one per route and one per consumer, dozens of them) are turned off
 * in {@code chat2desk-bot-channel.properties}, so that readiness shows what matters; each route's status
 * stays available with {@code ?data=true}.
 */
public class RoutesHealthCheck extends AbstractHealthCheck {

    public RoutesHealthCheck() {
        super("chat2desk", "routes");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<Route> routes = getCamelContext().getRoutes();
        List<String> notStarted = routes.stream()
                .filter(route -> status(route) != ServiceStatus.Started)
                .map(route -> route.getRouteId() + " (" + status(route) + ")")
                .sorted()
                .toList();
        routes.forEach(route -> builder.detail("route." + route.getRouteId(), String.valueOf(status(route))));
        if (notStarted.isEmpty()) {
            builder.up().message("all " + routes.size() + " routes started");
        } else {
            builder.down().message(HealthMessages.plain(notStarted.size() + " of " + routes.size()
                    + " routes not started: " + String.join(", ", notStarted)));
        }
    }

    private ServiceStatus status(Route route) {
        return getCamelContext().getRouteController().getRouteStatus(route.getRouteId());
    }
}
