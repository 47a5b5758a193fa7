package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

/**
 * A Chat2Desk token is the key to a company's conversations: no log line may carry it, nor its
 * signing key, through a whole life of a channel (activation, messages, a failing send, a refused
 * signature, deactivation), with the bundle's own loggers and every route's log at DEBUG.
 */
class TokensStayOutOfTheLogTest {

    @Test
    void noLogLineCarriesAChannelTokenOrItsSigningKey() throws Exception {
        try (RunningBundle bundle = RunningBundle.start(); TestAgent agent = new TestAgent();
             LogLines log = LogLines.capture(debugLoggers(bundle))) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("apiUrl", sandbox.apiUrl());
            input.put("token", sandbox.token());
            input.put("agentUrl", agent.url());
            JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", input).json();
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
            String id = channel.path("id").asText();

            // the first reply fails once at Chat2Desk and is sent again
            bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 503,
                    "pathContains", "/messages", "count", 1));
            long clientId = sandbox.clientWrites("hello").path("clientId").asLong();
            sandbox.awaitSentToClient(clientId, 1);
            sandbox.clientWrites(Map.of("text", "again", "clientId", clientId));
            sandbox.awaitSentToClient(clientId, 2);
            bundle.send("POST", Webhooks.path(channel), Webhooks.inbox(clientId, 990_001, "forged"),
                    Map.of("X-Signature", "0".repeat(64), "X-Timestamp", String.valueOf(System.currentTimeMillis() / 1000)));
            bundle.api("GET", "/api/v1/channels/" + id, null);
            bundle.api("POST", "/api/v1/channels/" + id + "/deactivate", null);

            List<String> lines = log.lines();
            assertThat(lines).as("the capture saw the flow").anyMatch(line -> line.contains(id));
            assertThat(lines).noneMatch(line -> line.contains(sandbox.token()));
            assertThat(lines).noneMatch(line -> line.contains(WebhookSignature.keyFor(sandbox.token())));
        }
    }

    /** The bundle's own loggers, and each route's (its log steps log under its id), at DEBUG. */
    private static String[] debugLoggers(RunningBundle bundle) {
        List<String> loggers = new ArrayList<>(List.of("io.botchannel"));
        bundle.context().getRoutes().stream().map(Route::getRouteId).forEach(loggers::add);
        return loggers.toArray(String[]::new);
    }
}
