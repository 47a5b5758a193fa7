package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Agent and Chat2Desk answer is read up to agent.max-answer-bytes and
 * chat2desk.max-answer-bytes (4 KB here): a larger answer to a message's call is a dead letter
 * saying so, to a check a failed check saying so, and the bundle goes on with other messages.
 */
class BoundedAnswersTest {

    private static final int LIMIT = 4096;
    private static final String TOO_MUCH = "x".repeat(2 * LIMIT);

    private static RunningBundle bundle;

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start(Map.of("agent.max-answer-bytes", String.valueOf(LIMIT),
                "chat2desk.max-answer-bytes", String.valueOf(LIMIT)));
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    private static JsonNode channel(String apiUrl, String token, TestAgent agent) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("apiUrl", apiUrl);
        input.put("token", token);
        input.put("agentUrl", agent.url());
        return bundle.api("POST", "/api/v1/channels?activate=true", input).json();
    }

    private static JsonNode awaitDeadLetter(JsonNode channel) {
        String deadLetters = "/api/v1/channels/" + channel.path("id").asText() + "/dead-letters";
        await().atMost(Duration.ofSeconds(30)).until(() -> bundle.api("GET", deadLetters, null).json().size() == 1);
        return bundle.api("GET", deadLetters, null).json().get(0);
    }

    @Test
    void anAgentAnswerPastTheBoundIsADeadLetterAndTheNextChatIsAnswered() throws Exception {
        try (TestAgent agent = new TestAgent()) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = channel(sandbox.apiUrl(), sandbox.token(), agent);
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
            agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"" + TOO_MUCH + "\"}]}");

            long flooded = sandbox.clientWrites("hello").path("clientId").asLong();
            JsonNode dead = awaitDeadLetter(channel);

            assertThat(dead.path("reason").asText()).isEqualTo(
                    "POST /agent/messages failed: the answer has more than 4096 bytes (agent.max-answer-bytes)");
            assertThat(dead.path("attempts").asInt()).isEqualTo(1);
            assertThat(sandbox.sentToClient(flooded)).isEmpty();

            agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"short\"}]}");
            long next = sandbox.clientWrites("hello").path("clientId").asLong();
            assertThat(sandbox.awaitSentToClient(next, 1).get(0).path("text").asText()).isEqualTo("short");
        }
    }

    @Test
    void anAgentAnswerNestedBeyondTheJsonLimitsIsADeadLetterSayingSo() throws Exception {
        try (TestAgent agent = new TestAgent()) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = channel(sandbox.apiUrl(), sandbox.token(), agent);
            String deep = "[".repeat(100) + "]".repeat(100);
            agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"deep\",\"x\":" + deep + "}]}");

            sandbox.clientWrites("hello");

            assertThat(awaitDeadLetter(channel).path("reason").asText()).isEqualTo("the Agent's answer cannot be read:"
                    + " beyond the JSON limits: at most 64 levels of nesting, 1048576 characters in a string,"
                    + " 1000 in a field name, 100 digits in a number");
        }
    }

    @Test
    void aChat2DeskAnswerPastTheBoundIsADeadLetterSayingSo() throws Exception {
        try (TestAgent agent = new TestAgent(); Chat2DeskStub chat2desk = new Chat2DeskStub()) {
            JsonNode channel = channel(chat2desk.apiUrl(), "stub-token-0123456789", agent);
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();

            RunningBundle.Answer taken = bundle.post(Webhooks.path(channel), Webhooks.inbox(77, 7001, "hello"));
            assertThat(taken.status()).isEqualTo(200);

            assertThat(awaitDeadLetter(channel).path("reason").asText()).isEqualTo(
                    "POST /v1/messages failed: the answer has more than 4096 bytes (chat2desk.max-answer-bytes)");
        }
    }

    @Test
    void checksThatGetAnAnswerPastTheBoundFailSayingSo() throws Exception {
        try (TestAgent agent = new TestAgent(); Chat2DeskStub chat2desk = new Chat2DeskStub()) {
            agent.status(200, "{\"trained\":true,\"notes\":\"" + TOO_MUCH + "\"}");
            JsonNode untrained = channel(chat2desk.apiUrl(), "stub-token-0123456789", agent);
            assertThat(untrained.path("checks").get(0).path("message").asText()).isEqualTo("the Agent at "
                    + agent.url() + "/status answered with more than 4096 bytes (agent.max-answer-bytes);"
                    + " expected {\"trained\": true}");

            agent.status(200, "{\"trained\":true}");
            chat2desk.apiInfo = "{\"status\":\"success\",\"data\":{\"company_name\":\"" + TOO_MUCH + "\"}}";
            JsonNode unreachable = channel(chat2desk.apiUrl(), "stub-token-9876543210", agent);
            assertThat(unreachable.path("active").asBoolean()).isFalse();
            assertThat(unreachable.path("checks").get(2).path("message").asText()).isEqualTo("Chat2Desk at "
                    + chat2desk.apiUrl() + " answered GET /companies/api_info with more than 4096 bytes"
                    + " (chat2desk.max-answer-bytes)");
        }
    }

    /** A Chat2Desk that accepts the channel, then answers each message sent with far more than it should. */
    private static final class Chat2DeskStub implements AutoCloseable {

        private final HttpServer server;
        volatile String apiInfo = "{\"status\":\"success\",\"data\":{\"company_name\":\"Stub\"}}";

        Chat2DeskStub() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/v1/companies/api_info", exchange -> answer(exchange, apiInfo));
            server.createContext("/v1/webhooks", exchange -> answer(exchange, "GET".equals(exchange.getRequestMethod())
                    ? "{\"status\":\"success\",\"data\":[]}" : "{\"status\":\"success\",\"data\":{\"id\":1}}"));
            server.createContext("/v1/messages", exchange -> answer(exchange,
                    "{\"status\":\"success\",\"data\":{\"message_id\":1,\"padding\":\"" + TOO_MUCH + "\"}}"));
            server.start();
        }

        String apiUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        private static void answer(HttpExchange exchange, String body) throws IOException {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
