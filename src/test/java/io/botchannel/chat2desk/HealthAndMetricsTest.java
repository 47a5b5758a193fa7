package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelInput;
import io.botchannel.chat2desk.metrics.MessageCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health and Prometheus metrics on the management port, as a probe or a scraper reads them:
 * liveness, readiness with the store and each channel's Chat2Desk, per-route series and the
 * business counters.
 */
class HealthAndMetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBundle bundle;

    @BeforeAll
    static void start() {
        // Every readiness request has the Chat2Desk probes refreshed, so a test sees a change at once
        bundle = RunningBundle.start(Map.of("health.chat2desk-interval-seconds", "0"));
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @Test
    void liveAndReadyAnswerUpOnTheManagementPort() {
        RunningBundle.Answer live = health(bundle, "/observe/health/live");
        RunningBundle.Answer ready = health(bundle, "/observe/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("UP");
        assertThat(check(ready, "store").path("status").asText()).isEqualTo("UP");
        assertThat(check(ready, "routes").path("message").asText()).matches("all \\d+ routes started");
        // what matters, not one check per route and per consumer
        assertThat(ready.json().path("checks").findValuesAsText("name"))
                .containsExactlyInAnyOrder("context", "routes", "store", "chat2desk");
        // the management port serves no webhooks, and the webhook port no health
        assertThat(bundle.get("/observe/health/ready").status()).isEqualTo(404);
    }

    @Test
    void aStoppedRouteMakesTheBundleNotReadyAndIsNamed() throws Exception {
        bundle.context().getRouteController().stopRoute("channel-reverification");
        try {
            RunningBundle.Answer ready = health(bundle, "/observe/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            assertThat(check(ready, "routes").path("status").asText()).isEqualTo("DOWN");
            assertThat(check(ready, "routes").path("message").asText())
                    .matches("1 of \\d+ routes not started: channel-reverification \\(Stopped\\)");
            assertThat(check(ready, "routes").has("data")).as("each route only with ?data=true").isFalse();

            RunningBundle.Answer detailed = health(bundle, "/observe/health/ready?data=true");
            assertThat(check(detailed, "routes").path("data").path("route.webhook-intake").asText()).isEqualTo("Started");
            assertThat(check(detailed, "routes").path("data").path("route.channel-reverification").asText())
                    .isEqualTo("Stopped");
        } finally {
            bundle.context().getRouteController().startRoute("channel-reverification");
        }
        assertThat(health(bundle, "/observe/health/ready").status()).isEqualTo(200);
    }

    @Test
    void aBrokenStoreMakesTheBundleNotReadyYetStillLive() throws Exception {
        // a database server that goes away: PostgreSQL reached through a relay that is then cut
        try (TestDatabase database = TestDatabase.postgres()) {
            URI server = URI.create(database.url().substring("jdbc:".length()));
            try (TcpRelay relay = new TcpRelay(server.getHost(), server.getPort())) {
                String store = database.url().replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + relay.port());
                Map<String, String> overrides = new LinkedHashMap<>(database.properties());
                overrides.put("channel.store.url", store);
                try (RunningBundle own = RunningBundle.start(overrides)) {
                    assertThat(health(own, "/observe/health/ready").status()).isEqualTo(200);

                    relay.close();

                    await().atMost(Duration.ofSeconds(60)).until(() -> health(own, "/observe/health/ready").status() == 503);
                    RunningBundle.Answer ready = health(own, "/observe/health/ready");
                    assertThat(ready.json().path("status").asText()).isEqualTo("DOWN");
                    assertThat(check(ready, "store").path("status").asText()).isEqualTo("DOWN");
                    assertThat(check(ready, "store").path("message").asText()).startsWith("the store");
                    // a restart would not mend the database: the bundle stays live
                    assertThat(health(own, "/observe/health/live").status()).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void readinessReportsEachChannelsChat2DeskButDoesNotDependOnIt() throws Exception {
        try (TestAgent agent = new TestAgent()) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            String channelId = activeChannel(sandbox, agent).path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> chat2deskOf(channelId).startsWith("reachable"));
            assertThat(get(metrics()).body()).contains("chat2desk_api_reachable{channel=\"" + channelId + "\"} 1.0");

            bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 503,
                    "pathContains", "api_info", "count", 1_000_000));

            await().atMost(Duration.ofSeconds(15)).until(() -> chat2deskOf(channelId).startsWith("not reached"));
            RunningBundle.Answer ready = health(bundle, "/observe/health/ready?data=true");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("UP");
            assertThat(check(ready, "chat2desk").path("message").asText()).contains(channelId).contains("503");
            assertThat(get(metrics()).body()).contains("chat2desk_api_reachable{channel=\"" + channelId + "\"} 0.0");
        }
    }

    @Test
    void metricsShowEachRouteAndTheBusinessCounters() {
        bundle.post("/webhooks/chat2desk/no-such-key", "{\"hook_type\":\"inbox\"}");
        MessageCounters counters = bundle.context().getRegistry().lookupByNameAndType("messageCounters",
                MessageCounters.class);
        Channel channel = ChannelInput.parse("{\"apiUrl\":\"http://127.0.0.1:9/v1\",\"token\":\"t\"}")
                .toNewChannel("metrics-test", "metrics-test-key", Instant.now());

        counters.received(channel);
        counters.received(channel);
        counters.dropped(channel, "left-to-operator");
        counters.agentCall(channel, "answered");
        counters.sent(channel);
        counters.retry(channel, "chat2desk");
        counters.deadLetter(channel, "chat2desk");

        RunningBundle.Answer scrape = get(metrics());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"webhook-intake\"[^}]*} [1-9]")
                .contains("chat2desk_messages_received_total{channel=\"metrics-test\"} 2.0")
                .contains("chat2desk_messages_dropped_total{channel=\"metrics-test\",reason=\"left-to-operator\"} 1.0")
                .contains("chat2desk_agent_calls_total{channel=\"metrics-test\",outcome=\"answered\"} 1.0")
                .contains("chat2desk_messages_sent_total{channel=\"metrics-test\"} 1.0")
                .contains("chat2desk_retries_total{call=\"chat2desk\",channel=\"metrics-test\"} 1.0")
                .contains("chat2desk_dead_letters_total{call=\"chat2desk\",channel=\"metrics-test\"} 1.0");
    }

    @Test
    void healthDetailsGoOnlyToTheAllowedAddressesOrWithTheManagementKey() throws Exception {
        // Details for 127.0.0.2 alone, so that a probe from 127.0.0.1 plays one from another host; the
        // management port listens on 127.0.0.1 alone
        try (RunningBundle guarded = RunningBundle.start(Map.of("health.details-allow-from", "127.0.0.2",
                "camel.management.host", "127.0.0.1"))) {
            for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready",
                    "/observe/health/ready?data=true",
                    "/observe/health/ready?exposureLevel=full&data=true&stackTrace=true"}) {
                RunningBundle.Answer probe = health(guarded, path);
                assertThat(probe.status()).as(path).isEqualTo(200);
                assertThat(probe.json()).as(path).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
            }
            RunningBundle.Answer keyed = get(guarded.managementUrl("/observe/health/ready?data=true"),
                    "Bearer " + RunningBundle.API_KEY);
            assertThat(check(keyed, "chat2desk").path("data").toString()).contains("channel.");
            assertThat(get(guarded.managementUrl("/observe/health/ready"), "Bearer wrong").body())
                    .doesNotContain("checks");

            // not ready is still told, without saying why
            guarded.context().getRouteController().stopRoute("channel-reverification");
            RunningBundle.Answer down = health(guarded, "/observe/health/ready");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json()).isEqualTo(JSON.readTree("{\"status\":\"DOWN\"}"));
            assertThat(health(guarded, "/observe/health/live").status()).isEqualTo(200);

            String elsewhere = guarded.managementUrl("/observe/health").replace("127.0.0.1", "127.0.0.2");
            assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(elsewhere)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTakenManagementPortStopsStartup() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> RunningBundle.start(Map.of("camel.management.port", String.valueOf(port))))
                    .hasStackTraceContaining("Port " + port + " is already in use")
                    .hasStackTraceContaining("-Dcamel.management.port=");
        }
    }

    @Test
    void theCountersFollowARealConversation() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        try (TestAgent agent = new TestAgent()) {
            String channelId = bundle.api("POST", "/api/v1/channels?activate=true", Map.of("apiUrl", sandbox.apiUrl(),
                    "token", sandbox.token(), "agentUrl", agent.url())).json().path("id").asText();
            long clientId = sandbox.clientWrites("count me").path("clientId").asLong();
            sandbox.awaitSentToClient(clientId, 1);
            sandbox.clientWrites(Map.of("text", "for Anna", "operatorId", Sandbox.HUMAN_OPERATOR));

            await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get(metrics()).body())
                    .contains("chat2desk_messages_received_total{channel=\"" + channelId + "\"} 2.0")
                    .contains("chat2desk_agent_calls_total{channel=\"" + channelId + "\",outcome=\"answered\"} 1.0")
                    .contains("chat2desk_messages_sent_total{channel=\"" + channelId + "\"} 1.0")
                    .contains("chat2desk_messages_dropped_total{channel=\"" + channelId + "\",reason=\"left-to-operator\"} 1.0")
                    .contains("chat2desk_outbox_events_total{channel=\"" + channelId + "\"} 1.0")
                    .doesNotContain("reason=\"outbox\""));
        }
    }

    private static RunningBundle.Answer health(RunningBundle running, String path) {
        return get(running.managementUrl(path));
    }

    private static RunningBundle.Answer get(String url) {
        return get(url, null);
    }

    private static RunningBundle.Answer get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RunningBundle.Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String metrics() {
        return bundle.managementUrl("/observe/metrics");
    }

    private static JsonNode check(RunningBundle.Answer health, String name) {
        for (JsonNode check : health.json().path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }

    /** What readiness says of the channel's Chat2Desk. */
    private static String chat2deskOf(String channelId) {
        return check(health(bundle, "/observe/health/ready?data=true"), "chat2desk").path("data")
                .path("channel." + channelId).asText("");
    }

    private static JsonNode activeChannel(Sandbox sandbox, TestAgent agent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return channel;
    }
}
