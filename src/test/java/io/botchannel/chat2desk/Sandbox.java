package io.botchannel.chat2desk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** The bundle's Chat2Desk sandbox as tests drive it: one company (token) per test. */
public final class Sandbox {

    public static final long BOT_OPERATOR = 41164;
    public static final long HUMAN_OPERATOR = 41165;

    private final RunningBundle bundle;
    private final String token;

    private Sandbox(RunningBundle bundle, String token) {
        this.bundle = bundle;
        this.token = token;
    }

    /** A new sandbox company with its own token. */
    public static Sandbox newCompany(RunningBundle bundle) {
        String token = "tok-" + UUID.randomUUID();
        RunningBundle.Answer answer = bundle.post("/sandbox/control/companies", Map.of("token", token));
        if (answer.status() / 100 != 2) {
            throw new AssertionError("company not created: " + answer.status() + " " + answer.body());
        }
        return new Sandbox(bundle, token);
    }

    public String token() {
        return token;
    }

    public String apiUrl() {
        return bundle.url("/sandbox/v1");
    }

    /**
     * A webhook URL of another system in the same account. The sandbox delivers only to the
     * bundle's own webhook path, so it is that path with a key no channel has.
     */
    public String otherSystemsWebhookUrl(String name) {
        return "http://localhost:" + bundle.port() + "/webhooks/chat2desk/" + name;
    }

    /** A Chat2Desk API call with this company's token. */
    public RunningBundle.Answer api(String method, String path, Object body) {
        return bundle.send(method, "/sandbox/v1" + path, body, Map.of("Authorization", token));
    }

    /** A client writes; returns {messageId, clientId, dialogId}. */
    public JsonNode clientWrites(Map<String, Object> message) {
        Map<String, Object> body = new LinkedHashMap<>(message);
        body.put("token", token);
        RunningBundle.Answer answer = bundle.post("/sandbox/control/client-messages", body);
        if (answer.status() != 201) {
            throw new AssertionError("client message refused: " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    public JsonNode clientWrites(String text) {
        return clientWrites(Map.of("text", text));
    }

    /** Every message of the client's chat, both directions, in order. */
    public List<JsonNode> messages(long clientId) {
        RunningBundle.Answer answer = bundle.get("/sandbox/control/clients/" + clientId + "/messages?token=" + token);
        List<JsonNode> messages = new ArrayList<>();
        answer.json().forEach(messages::add);
        return messages;
    }

    /** Messages sent to the client (by the bot or an operator). */
    public List<JsonNode> sentToClient(long clientId) {
        return messages(clientId).stream().filter(m -> "to_client".equals(m.path("type").asText())).toList();
    }

    public List<JsonNode> awaitSentToClient(long clientId, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sentToClient(clientId).size() >= count);
        return sentToClient(clientId);
    }

    /** The webhook deliveries of this company so far. */
    public List<JsonNode> deliveries() {
        List<JsonNode> deliveries = new ArrayList<>();
        bundle.get("/sandbox/control/deliveries?token=" + token).json().forEach(deliveries::add);
        return deliveries;
    }

    public void awaitDelivery(Predicate<JsonNode> which) {
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveries().stream().anyMatch(which));
    }
}
