package io.botchannel.chat2desk.health;

import java.util.Collection;

import io.botchannel.chat2desk.api.AddressRanges;
import io.botchannel.chat2desk.api.ApiKey;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Who may read the health checks' details on the management port: they name the channels, their
 * API addresses and what Chat2Desk answered. Callers from {@code health.details-allow-from} (this
 * machine by default) and callers with the management key get them; every other caller, such as an
 * orchestrator's probe, gets the status alone, with the same HTTP status (200 UP, 503 DOWN).
 */
public class HealthDetails {

    /** Which health answer a request asks for. */
    public enum Kind { ALL, LIVENESS, READINESS }

    private final AddressRanges allowed;
    private final ApiKey managementKey;

    public HealthDetails(String allowFrom, ApiKey managementKey) {
        this.allowed = AddressRanges.parse(allowFrom, "health.details-allow-from");
        this.managementKey = managementKey;
    }

    /**
     * @param caller        the caller's IP address as the server saw it
     * @param authorization the request's Authorization header (a header only, never the URL)
     */
    public boolean shown(String caller, String authorization) {
        if (allowed.contains(caller)) {
            return true;
        }
        String prefix = "Bearer ";
        return authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                && managementKey.matches(authorization.substring(prefix.length()).trim());
    }

    /** The status alone: {@code UP} or {@code DOWN}, decided as the management server decides it. */
    public static boolean up(CamelContext context, Kind kind) {
        Collection<HealthCheck.Result> results = switch (kind) {
            case ALL -> HealthCheckHelper.invoke(context, "oneline");
            case LIVENESS -> HealthCheckHelper.invokeLiveness(context, "oneline");
            case READINESS -> HealthCheckHelper.invokeReadiness(context, "oneline");
        };
        return HealthCheckHelper.isResultsUp(results, kind == Kind.READINESS);
    }
}
