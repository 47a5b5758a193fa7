package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as production runs it, with the sandbox off, and Chat2Desk played by the sandbox
 * of a second jar. Its whole log, after a channel's life with every kind of failure, holds no
 * Chat2Desk token; no caller's text starts a line of it; and nothing of the sandbox is served.
 */
class TokenFreeLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "token-free-log-it-key-0123456789abcdef";
    /** A line of the log: a time, a level; or one of the startup summary's indented lines. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^([0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) .*"
                    + "|  (sandbox page|API|API key|health|store|warning) +\\S.*)$");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BundleProcess chat2desk;
    private static BundleProcess bundle;
    private static String c2d;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "token-free-log-it", UUID.randomUUID().toString())
                .toAbsolutePath());
        int chat2deskPort = RunningBundle.freePort();
        int bundlePort = RunningBundle.freePort();
        c2d = "http://127.0.0.1:" + chat2deskPort;
        base = "http://127.0.0.1:" + bundlePort;
        chat2desk = new BundleProcess(workDir.resolve("chat2desk"), chat2deskPort, "-Dapi.key=" + KEY + "-c2d",
                "-Dsandbox.retry-scale=0.01", "-Dsandbox.webhook-base-urls=http://localhost:" + chat2deskPort
                + ", http://localhost:" + bundlePort).start();
        bundle = new BundleProcess(workDir.resolve("bundle"), bundlePort, "-Dapi.key=" + KEY, "-Dsandbox.enabled=false",
                "-Ddispatch.poll-ms=200", "-Ddispatch.retry-initial-ms=200", "-Ddispatch.retry-max-ms=1000",
                "-Ddispatch.max-attempts=4", "-Dchannel.reverify-interval-ms=500").start();
        chat2desk.awaitReady("the Chat2Desk sandbox", () -> send("GET", c2d + "/sandbox/control/demo", null, Map.of())
                .statusCode() == 200);
        bundle.awaitReady("the bundle", () -> api("GET", "/api/v1/channels", null).statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bundle != null) {
            bundle.close();
        }
        if (chat2desk != null) {
            chat2desk.close();
        }
    }

    @Test
    void withTheSandboxOffNothingOfItIsServedAndThereIsNoDemoChannel() throws Exception {
        for (String path : List.of("/sandbox", "/sandbox/", "/sandbox/page/sandbox.js", "/sandbox/control/demo",
                "/sandbox/v1/companies/api_info", "/demo-agent/status", "/demo-agent/files/guide.pdf")) {
            HttpResponse<String> answer = send("GET", base + path, null, Map.of("Authorization", "sandbox-demo-token"));
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).as(path).isNotBlank();
        }
        for (String path : List.of("/sandbox/control/client-messages", "/sandbox/control/companies",
                "/demo-agent/messages")) {
            assertThat(send("POST", base + path, "{\"text\":\"hi\",\"token\":\"t\"}", Map.of()).statusCode()).as(path)
                    .isEqualTo(404);
        }
        assertThat(JSON.readTree(api("GET", "/api/v1/channels", null).body()).findValuesAsText("name"))
                .doesNotContain("Demo channel");
        assertThat(Files.readString(bundle.log())).doesNotContain("Demo channel", "sandbox.enabled=true");
    }

    @Test
    void afterAChannelsLifeWithEveryKindOfFailureTheWholeLogHoldsNoChat2DeskToken() throws Exception {
        String token = "c2d-" + UUID.randomUUID();
        try (TestAgent agent = new TestAgent()) {
            JsonNode channel = channel(token, agent);
            String id = channel.path("id").asText();

            // an Agent that is given the token, and refuses quoting its request: retried, then a dead letter
            agent.refuseQuotingTheRequest(503);
            long client = clientWrites(token, null, "first");
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.requests().size() >= 2);
            assertThat(agent.requests().get(0).path("context").path("channel_webhook_token").asText()).isEqualTo(token);
            agent.refuseQuotingTheRequest(422);
            awaitDeadLetters(id, 1);
            agent.answerAgain();

            // a Chat2Desk that refuses quoting the token: once retried, then a dead letter
            fault(token, 503, 1, "/messages", "busy: too many calls with the token " + token);
            clientWrites(token, client, "second");
            await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(token, client) == 1);
            fault(token, 400, 5, "/messages", "Token " + token + " may not write to this client");
            clientWrites(token, client, "third");
            awaitDeadLetters(id, 2);
            send("DELETE", c2d + "/sandbox/control/faults?token=" + token, null, Map.of());

            // the re-verification finds the token refused (Chat2Desk quoting it), then accepted again
            fault(token, 401, 100_000, "/companies/api_info", "Token " + token + " is not correct");
            await().atMost(Duration.ofSeconds(60)).until(() -> check(id, "address-accessible").path("passed").asText()
                    .equals("false"));
            fault(token, 401, 1, "/operators", "Token " + token + " is not correct");
            assertThat(api("GET", "/api/v1/channels/" + id + "/operators", null).statusCode()).isEqualTo(502);
            send("DELETE", c2d + "/sandbox/control/faults?token=" + token, null, Map.of());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> check(id, "address-accessible").path("passed").asBoolean());

            // a webhook that claims to be signed, wrongly
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            assertThat(send("POST", base + Webhooks.path(channel), Webhooks.inbox(client, 990_001, "forged"),
                    Map.of("X-Signature", "0".repeat(64), "X-Timestamp", timestamp)).statusCode()).isEqualTo(401);
            assertThat(api("POST", "/api/v1/channels/" + id + "/deactivate", null).statusCode()).isEqualTo(200);

            String deadLetters = api("GET", "/api/v1/channels/" + id + "/dead-letters", null).body();
            String bundleLog = Files.readString(bundle.log(), StandardCharsets.UTF_8);
            // the run went through what it should have: retries, dead letters, a failed re-verification
            assertThat(bundleLog).contains("retrying in", "is a dead letter after", "re-verification failed");
            String chat2deskLog = Files.readString(chat2desk.log(), StandardCharsets.UTF_8);
            for (String text : List.of(bundleLog, deadLetters, chat2deskLog)) {
                assertThat(text).doesNotContain(token).doesNotContain(WebhookSignature.keyFor(token));
            }
            assertThat(deadLetters).contains("****");
        }
    }

    @Test
    void noTextACallerSendsStartsALineOfTheLog() throws Exception {
        String token = "c2d-" + UUID.randomUUID();
        String forged = "\r\n00:00:00.000 ERROR [main] Inbox - forged-by-a-client";
        try (TestAgent agent = new TestAgent()) {
            JsonNode channel = channel(token, agent);
            String id = channel.path("id").asText();
            agent.refuseQuotingTheRequest(422);

            // in the name of the event: refused, not passed on
            HttpResponse<String> named = send("POST", base + Webhooks.path(channel),
                    "{\"hook_type\":\"inbox" + json(forged) + "\",\"message_id\":1,\"client_id\":2}", Map.of());
            assertThat(named.statusCode()).isEqualTo(400);
            // in a client's text and in a service event's field, quoted back by the Agent into a dead letter
            long client = clientWrites(token, null, "hello" + forged);
            HttpResponse<String> service = send("POST", base + Webhooks.path(channel),
                    "{\"hook_type\":\"close_dialog\",\"dialog_id\":3,\"client_id\":" + client + ",\"note\":\""
                    + json(forged) + "\"}", Map.of());
            assertThat(service.statusCode()).isEqualTo(200);
            awaitDeadLetters(id, 2);

            List<String> lines = Files.readAllLines(bundle.log(), StandardCharsets.UTF_8);
            assertThat(lines).filteredOn(line -> line.contains("forged-by-a-client")).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(line -> assertThat(line).contains("\\r\\n00:00:00.000 ERROR [main] Inbox - forged"));
            assertThat(lines).allSatisfy(line -> assertThat(line).matches(LOG_LINE));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonNode channel(String token, TestAgent agent) throws Exception {
        assertThat(send("POST", c2d + "/sandbox/control/companies", JSON.writeValueAsString(Map.of("token", token)),
                Map.of()).statusCode()).isEqualTo(201);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Token-free " + token.substring(4, 12));
        input.put("apiUrl", c2d + "/sandbox/v1");
        input.put("token", token);
        input.put("agentUrl", agent.url());
        input.put("serviceMessages", true);
        input.put("shareTokenWithAgent", true);
        HttpResponse<String> created = api("POST", "/api/v1/channels?activate=true", JSON.writeValueAsString(input));
        JsonNode channel = JSON.readTree(created.body());
        assertThat(channel.path("active").asBoolean()).as(created.body()).isTrue();
        return channel;
    }

    private static long clientWrites(String token, Long clientId, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("text", text);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        HttpResponse<String> answer = send("POST", c2d + "/sandbox/control/client-messages",
                JSON.writeValueAsString(body), Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("clientId").asLong();
    }

    private static void fault(String token, int status, int count, String path, String message) throws Exception {
        HttpResponse<String> answer = send("POST", c2d + "/sandbox/control/faults", JSON.writeValueAsString(Map.of(
                "token", token, "status", status, "count", count, "pathContains", path, "message", message)), Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static long sentTo(String token, long clientId) throws Exception {
        JsonNode messages = JSON.readTree(send("GET", c2d + "/sandbox/control/clients/" + clientId + "/messages?token="
                + token, null, Map.of()).body());
        return messages.findValuesAsText("type").stream().filter("to_client"::equals).count();
    }

    private static void awaitDeadLetters(String channelId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(api("GET", "/api/v1/channels/" + channelId
                + "/dead-letters", null).body()).size() >= count);
    }

    private static JsonNode check(String channelId, String name) throws Exception {
        for (JsonNode check : JSON.readTree(api("GET", "/api/v1/channels/" + channelId, null).body()).path("checks")) {
            if (name.equals(check.path("check").asText())) {
                return check;
            }
        }
        return JSON.createObjectNode();
    }

    private static String json(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return send(method, base + path, body, Map.of("Authorization", "Bearer " + KEY));
    }

    private static HttpResponse<String> send(String method, String url, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
