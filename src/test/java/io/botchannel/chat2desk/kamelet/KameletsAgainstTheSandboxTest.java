package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.sandbox.Chat2DeskSandbox;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kamelets used the way a Camel user uses them: a plain Camel Main with the Kamelets loaded
 * from kamelets/, a route made of them alone (an echo bot), and the Chat2Desk sandbox as
 * Chat2Desk. None of the bundle's own beans or routes run, apart from the sandbox's.
 */
class KameletsAgainstTheSandboxTest {

    private static final String TOKEN = "kamelet-test-token";
    private static final long BOT_OPERATOR = 41164;
    private static final long SUPPORT_GROUP_OPERATOR = 41165;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Main main;
    private static Chat2DeskSandbox sandbox;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        Path store = Files.createTempDirectory("k-kamelets").resolve("source.db");
        sandbox = new Chat2DeskSandbox(TOKEN, "X-Signature", "X-Timestamp", 0.001);
        main = new Main();
        // the library's defaults, as a runtime that adds the library reads them: among them, camel-http
        // retries nothing by itself, so a failed call fails the route and Chat2Desk delivers again
        main.setPropertyPlaceholderLocations("classpath:chat2desk-bot-channel.properties");
        main.configure().withRoutesIncludePattern(
                "file:routes/chat2desk-sandbox.camel.yaml,file:src/test/resources/kamelet-routes/echo-bot.camel.yaml");
        main.bind("chat2deskSandbox", sandbox);
        main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        main.addOverrideProperty("sandbox.enabled", "true");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("echo.api-url", base + "/sandbox/v1");
        main.addOverrideProperty("echo.token", TOKEN);
        main.addOverrideProperty("echo.store-url", "jdbc:sqlite:" + store);
        main.start();
        HttpResponse<String> hook = send("POST", "/sandbox/v1/webhooks", TOKEN, Map.of("name", "kamelets",
                "url", base + "/chat2desk/events", "events", List.of("inbox", "outbox", "dialog_transferred")));
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        main.stop();
        sandbox.close();
    }

    @Test
    void aClientOnTelegramGetsTheEchoWithInlineButtons() throws Exception {
        long client = clientWrites("hello", "telegram", null).path("clientId").asLong();

        JsonNode reply = awaitSentToClient(client, 1).get(0);
        assertThat(reply.path("text").asText()).isEqualTo("You wrote hello, see the site (https://x.example)");
        assertThat(reply.path("operator_id").asLong()).isEqualTo(BOT_OPERATOR);
        assertThat(reply.path("inline_buttons").findValuesAsText("text")).containsExactly("Yes", "Site");
        assertThat(reply.path("inline_buttons").get(0).path("payload").asText()).isEqualTo("yes");
        assertThat(reply.path("inline_buttons").get(1).path("url").asText()).isEqualTo("https://x.example");
    }

    @Test
    void aClientOnWhatsAppGetsWhatsAppMarkupAndANumberedList() throws Exception {
        long client = clientWrites("hello", "whatsapp", null).path("clientId").asLong();

        JsonNode reply = awaitSentToClient(client, 1).get(0);
        assertThat(reply.path("text").asText())
                .isEqualTo("You wrote *hello*, see the site (https://x.example)\n\n1. Yes\n2. Site: https://x.example");
        assertThat(reply.path("transport").asText()).isEqualTo("whatsapp");
    }

    @Test
    void askingForAnOperatorHandsTheChatToTheSupportGroup() throws Exception {
        JsonNode first = clientWrites("hello", "telegram", null);
        long client = first.path("clientId").asLong();
        awaitSentToClient(client, 1);

        clientWrites("operator", "telegram", client);

        List<JsonNode> sent = awaitSentToClient(client, 2);
        assertThat(sent.get(1).path("text").asText()).isEqualTo("An operator will answer you");
        JsonNode dialog = JSON.readTree(send("GET", "/sandbox/v1/dialogs/" + first.path("dialogId").asLong(), TOKEN, null).body());
        assertThat(dialog.path("data").path("operator_id").asLong()).isEqualTo(SUPPORT_GROUP_OPERATOR);
    }

    @Test
    void aRedeliveredEventIsAcknowledgedButAnsweredOnce() throws Exception {
        long client = clientWrites("hello", "telegram", null).path("clientId").asLong();
        awaitSentToClient(client, 1);
        String event = JSON.writeValueAsString(Map.of("hook_type", "inbox", "message_id", 990001, "client_id", client,
                "text", "again", "transport", "telegram"));

        HttpResponse<String> delivered = deliver(event);
        HttpResponse<String> redelivered = deliver(event);

        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(redelivered.statusCode()).isEqualTo(200);
        assertThat(redelivered.body()).isEqualTo("{\"status\":\"ok\"}");
        // the answer comes after the route is done with the event, so the replies are all there now
        assertThat(sentToClient(client)).extracting(m -> m.path("text").asText())
                .containsExactly("You wrote hello, see the site (https://x.example)",
                        "You wrote again, see the site (https://x.example)");
    }

    @Test
    void anEventTheRouteFailsOnIsNotAcknowledgedAndChat2DeskDeliversItAgain() throws Exception {
        long client = clientWrites("hello", "telegram", null).path("clientId").asLong();
        awaitSentToClient(client, 1);
        HttpResponse<String> fault = send("POST", "/sandbox/control/faults", null,
                Map.of("token", TOKEN, "status", 503, "count", 1, "pathContains", "/messages"));
        assertThat(fault.statusCode()).as(fault.body()).isLessThan(300);

        clientWrites("second", "telegram", client);

        List<JsonNode> sent = awaitSentToClient(client, 2);
        assertThat(sent).extracting(m -> m.path("text").asText())
                .containsExactly("You wrote hello, see the site (https://x.example)",
                        "You wrote second, see the site (https://x.example)");
        // the sandbox notes a delivery's status once the answer is in, a moment after the reply went out
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<Integer> statuses = new ArrayList<>();
            deliveries(client).stream()
                    .filter(d -> d.path("event").asText().equals("inbox") && d.path("payload").path("text").asText().equals("second"))
                    .forEach(d -> statuses.add(d.path("status").asInt()));
            assertThat(statuses).as("deliveries of the second message").containsExactly(500, 200);
        });
    }

    @Test
    void aMalformedEventIsA400NamingWhatIsWrong() throws Exception {
        HttpResponse<String> broken = deliver("{broken");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).startsWith("{\"error\":\"body: not valid JSON");

        HttpResponse<String> noClient = deliver("{\"hook_type\":\"inbox\",\"message_id\":5}");
        assertThat(noClient.statusCode()).isEqualTo(400);
        assertThat(noClient.body()).isEqualTo("{\"error\":\"client_id: is required for inbox events\"}");
    }

    @Test
    void anEventNotSignedWithTheTokenIsRefusedAndNotAnswered() throws Exception {
        long client = clientWrites("hello", "telegram", null).path("clientId").asLong();
        awaitSentToClient(client, 1);
        String forged = JSON.writeValueAsString(Map.of("hook_type", "inbox", "message_id", 990002, "client_id", client,
                "text", "forged", "transport", "telegram"));

        HttpResponse<String> unsigned = send("POST", "/chat2desk/events", null, forged);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        HttpResponse<String> signedWithAnother = send("POST", "/chat2desk/events", null, forged, Map.of(
                "X-Signature", WebhookSignature.sign(WebhookSignature.keyFor("another-token"),
                        forged.getBytes(StandardCharsets.UTF_8), timestamp), "X-Timestamp", timestamp));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("signature: ");
        assertThat(signedWithAnother.statusCode()).isEqualTo(401);
        assertThat(deliver(JSON.writeValueAsString(Map.of("hook_type", "inbox", "message_id", 990003,
                "client_id", client, "text", "signed", "transport", "telegram"))).statusCode()).isEqualTo(200);
        assertThat(sentToClient(client)).extracting(m -> m.path("text").asText())
                .containsExactly("You wrote hello, see the site (https://x.example)",
                        "You wrote signed, see the site (https://x.example)");
    }

    @Test
    void aSourceWithNoKeyToCheckSignaturesWithDoesNotStart() throws Exception {
        Path route = Files.createTempDirectory("k-no-token").resolve("open-door.camel.yaml");
        Files.writeString(route, """
                - route:
                    id: open-door
                    from:
                      uri: "kamelet:chat2desk-source"
                      parameters:
                        path: /open/events
                        storeUrl: "jdbc:sqlite:%s"
                      steps:
                        - log:
                            message: "${body}"
                """.formatted(route.resolveSibling("source.db")));
        Main open = new Main();
        open.configure().withRoutesIncludePattern("file:" + route);
        open.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        open.addOverrideProperty("camel.server.enabled", "true");
        open.addOverrideProperty("camel.server.port", Integer.toString(freePort()));
        open.addOverrideProperty("camel.management.enabled", "false");
        try {
            assertThatThrownBy(open::start).hasStackTraceContaining("token: required (or signatureKey)");
        } finally {
            open.stop();
        }
    }

    /** An event as Chat2Desk delivers it: signed with the company token's key. */
    private static HttpResponse<String> deliver(String event) throws Exception {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = WebhookSignature.sign(WebhookSignature.keyFor(TOKEN), event.getBytes(StandardCharsets.UTF_8),
                timestamp);
        return send("POST", "/chat2desk/events", null, event,
                Map.of("X-Signature", signature, "X-Timestamp", timestamp));
    }

    private static JsonNode clientWrites(String text, String transport, Long clientId) throws Exception {
        Map<String, Object> body = clientId == null
                ? Map.of("token", TOKEN, "text", text, "transport", transport)
                : Map.of("token", TOKEN, "text", text, "transport", transport, "clientId", clientId);
        HttpResponse<String> written = send("POST", "/sandbox/control/client-messages", null, body);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        return JSON.readTree(written.body());
    }

    private static List<JsonNode> sentToClient(long client) throws Exception {
        List<JsonNode> sent = new ArrayList<>();
        JSON.readTree(send("GET", "/sandbox/control/clients/" + client + "/messages?token=" + TOKEN, null, null).body())
                .forEach(m -> {
                    if ("to_client".equals(m.path("type").asText())) {
                        sent.add(m);
                    }
                });
        return sent;
    }

    private static List<JsonNode> awaitSentToClient(long client, int count) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> sentToClient(client).size() >= count);
        return sentToClient(client);
    }

    private static List<JsonNode> deliveries(long client) throws Exception {
        List<JsonNode> deliveries = new ArrayList<>();
        JSON.readTree(send("GET", "/sandbox/control/deliveries?token=" + TOKEN + "&clientId=" + client, null, null).body())
                .forEach(deliveries::add);
        return deliveries;
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return send(method, path, token, body, Map.of());
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", token);
        }
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
