package io.botchannel.chat2desk;

import static io.botchannel.chat2desk.Webhooks.inbox;
import static io.botchannel.chat2desk.Webhooks.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client's message through the whole bundle: Chat2Desk (the sandbox) delivers the webhook, the
 * bundle decides whether the bot may answer, calls the Agent and sends its reply to Chat2Desk.
 */
class WebhookFlowTest {

    private static RunningBundle bundle;
    private TestAgent agent;
    private Sandbox sandbox;

    @BeforeAll
    static void start() {
        // One consumer: messages are handled in the order they arrive, so "left alone" can be
        // proven by a later message's answer arriving while the earlier one never reached the Agent.
        bundle = RunningBundle.start(Map.of("dispatch.concurrency", "1"));
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @BeforeEach
    void newCompanyAndAgent() throws Exception {
        agent = new TestAgent();
        sandbox = Sandbox.newCompany(bundle);
    }

    @AfterEach
    void closeAgent() {
        agent.close();
    }

    private JsonNode activeChannel(Long operatorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.put("operatorId", operatorId);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return channel;
    }

    @Test
    void aClientMessageGetsTheAgentsAnswerIntoChat2Desk() {
        JsonNode channel = activeChannel(null);

        JsonNode sent = sandbox.clientWrites(Map.of("text", "hello", "name", "Ivan", "transport", "telegram"));
        long clientId = sent.path("clientId").asLong();

        List<JsonNode> replies = sandbox.awaitSentToClient(clientId, 1);
        assertThat(replies.get(0).path("text").asText()).isEqualTo("Agent says hi");
        assertThat(replies.get(0).path("transport").asText()).isEqualTo("telegram");

        JsonNode request = agent.requests().get(0);
        assertThat(request.path("channelId").asText()).isEqualTo(channel.path("id").asText());
        assertThat(request.path("channelType").asText()).isEqualTo("chat2desk");
        assertThat(request.path("channelChatId").asText()).isEqualTo(clientId + "|chat2desk");
        assertThat(request.path("event").asText()).isEqualTo("message");
        assertThat(request.path("messageId").asText()).isEqualTo(sent.path("messageId").asText());
        assertThat(request.path("text").asText()).isEqualTo("hello");
        JsonNode context = request.path("context");
        assertThat(context.path("channel_visitor_id").asText()).isEqualTo(String.valueOf(clientId));
        assertThat(context.path("channel_conversation_id").asText()).isEqualTo(sent.path("dialogId").asText());
        assertThat(context.path("channel_message_id").asText()).isEqualTo(sent.path("messageId").asText());
        assertThat(context.path("channel_visitor_firstname").asText()).isEqualTo("Ivan");
        assertThat(context.path("channel_webhook_url").asText()).isEqualTo(sandbox.apiUrl());
        assertThat(context.path("transport").asText()).isEqualTo("telegram");
        assertThat(context.has("channel_webhook_token")).isFalse();
    }

    @Test
    void everyReplyOfAnAnswerIsSentInOrder() {
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"},"
                + "{\"type\":\"text\",\"text\":\"three\"}]}");
        activeChannel(null);

        long clientId = sandbox.clientWrites("count").path("clientId").asLong();

        assertThat(sandbox.awaitSentToClient(clientId, 3)).extracting(m -> m.path("text").asText())
                .containsExactly("one", "two", "three");
    }

    @Test
    void anAnswerWithoutRepliesClosesItsMessageAndTheChatGoesOn() {
        agent.replies("{\"replies\":[]}");
        activeChannel(null);
        long clientId = sandbox.clientWrites("nothing to say").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() == 1);

        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"now I do\"}]}");
        sandbox.clientWrites(Map.of("text", "and now?", "clientId", clientId));

        // the chat's next message is answered only once the silent one is closed
        assertThat(sandbox.awaitSentToClient(clientId, 1).get(0).path("text").asText()).isEqualTo("now I do");
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("nothing to say", "and now?");
    }

    @Test
    void aChatAssignedToAHumanOperatorIsLeftAlone() {
        activeChannel(null);

        long taken = sandbox.clientWrites(Map.of("text", "I want Anna", "operatorId", Sandbox.HUMAN_OPERATOR))
                .path("clientId").asLong();
        long queued = sandbox.clientWrites("anyone there?").path("clientId").asLong();

        sandbox.awaitSentToClient(queued, 1);
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("anyone there?");
        assertThat(sandbox.sentToClient(taken)).isEmpty();
    }

    @Test
    void withAnOperatorIdTheBotAnswersOnlyChatsAssignedToThatOperator() {
        activeChannel(Sandbox.BOT_OPERATOR);

        long unassigned = sandbox.clientWrites("general queue").path("clientId").asLong();
        long human = sandbox.clientWrites(Map.of("text", "for Anna", "operatorId", Sandbox.HUMAN_OPERATOR))
                .path("clientId").asLong();
        long bots = sandbox.clientWrites(Map.of("text", "for the bot", "operatorId", Sandbox.BOT_OPERATOR))
                .path("clientId").asLong();

        JsonNode reply = sandbox.awaitSentToClient(bots, 1).get(0);
        assertThat(reply.path("operator_id").asLong()).isEqualTo(Sandbox.BOT_OPERATOR);
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("for the bot");
        assertThat(agent.requests().get(0).path("context").path("channel_message_recipient").asText())
                .isEqualTo(String.valueOf(Sandbox.BOT_OPERATOR));
        assertThat(sandbox.sentToClient(unassigned)).isEmpty();
        assertThat(sandbox.sentToClient(human)).isEmpty();
    }

    @Test
    void theBundlesOwnOutboxEchoesNeverReachTheAgent() {
        activeChannel(null);

        long clientId = sandbox.clientWrites("first").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);
        // Chat2Desk echoes the bot's own send back as an outbox event; wait until it was acknowledged
        sandbox.awaitDelivery(d -> "outbox".equals(d.path("event").asText()) && d.path("status").asInt() == 200);
        sandbox.clientWrites(Map.of("text", "second", "clientId", clientId));
        sandbox.awaitSentToClient(clientId, 2);

        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("first", "second");
    }

    @Test
    void aSlowAgentNeverHoldsTheWebhook() {
        JsonNode channel = activeChannel(null);
        agent.holdAnswers();
        long clientId = sandbox.clientWrites("are you there?").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() == 1);

        // The Agent is still thinking; Chat2Desk's next delivery is answered at once all the same
        RunningBundle.Answer ack = bundle.post(path(channel), inbox(clientId, 990001, "still there?"));

        assertThat(ack.status()).isEqualTo(200);
        assertThat(sandbox.sentToClient(clientId)).isEmpty();
        agent.release();
        sandbox.awaitSentToClient(clientId, 2);
    }

    @Test
    void aWebhookForAnUnknownChannelKeyIs404() {
        RunningBundle.Answer answer = bundle.post("/webhooks/chat2desk/no-such-key", inbox(1, 1, "hi"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isNotBlank();
    }

    @Test
    void aWebhookForAnInactiveChannelIs404() {
        Map<String, Object> body = Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token(), "agentUrl", agent.url());
        JsonNode inactive = bundle.api("POST", "/api/v1/channels", body).json();

        assertThat(bundle.post(path(inactive), inbox(1, 1, "hi")).status()).isEqualTo(404);
    }

    @Test
    void malformedWebhooksGet400NamingTheProblemAndReachNoAgent() {
        JsonNode channel = activeChannel(null);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"hook_type\":\"inbox\",", "body");
        cases.put("[]", "body");
        cases.put("{\"message_id\":1,\"client_id\":2}", "hook_type");
        cases.put("{\"hook_type\":\"inbox\",\"client_id\":2,\"text\":\"x\"}", "message_id");
        cases.put("{\"hook_type\":\"inbox\",\"message_id\":1,\"text\":\"x\"}", "client_id");
        cases.put("{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":{\"id\":2}}", "client_id");
        cases.put("{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":2,\"operator_id\":\"anna\"}", "operator_id");

        cases.forEach((body, field) -> {
            RunningBundle.Answer answer = bundle.post(path(channel), body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(body).startsWith(field + ":");
        });
        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void eventsOtherThanClientMessagesAreAcknowledgedAndNotPassedOn() {
        JsonNode channel = activeChannel(null);

        for (String hookType : List.of("outbox", "close_dialog", "new_client")) {
            String body = "{\"hook_type\":\"" + hookType + "\",\"message_id\":5,\"client_id\":6,\"type\":\"to_client\"}";
            assertThat(bundle.post(path(channel), body).status()).isEqualTo(200);
        }
        RunningBundle.Answer unknown = bundle.post(path(channel),
                "{\"hook_type\":\"some_future_event\",\"message_id\":5,\"client_id\":6}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).isEqualTo("hook_type: not an event Chat2Desk sends");
        long clientId = sandbox.clientWrites("after the noise").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);

        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("after the noise");
    }

    @Test
    void aChannelThatRequiresSignaturesTakesChat2DesksSignedWebhooksAndRefusesOthers() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.put("requireSignature", true);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("requireSignature").asBoolean()).isTrue();

        // the sandbox signs as Chat2Desk does
        long clientId = sandbox.clientWrites("signed").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);

        RunningBundle.Answer unsigned = bundle.post(path(channel), inbox(clientId, 990101, "unsigned"));
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        RunningBundle.Answer forged = bundle.send("POST", path(channel), inbox(clientId, 990102, "forged"),
                Map.of("Content-Type", "application/json", "X-Signature", "0".repeat(64), "X-Timestamp", timestamp));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().path("error").asText()).startsWith("signature:");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("signed");
    }
}
