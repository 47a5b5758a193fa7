package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message in a chat that is not the bot's (assigned to another operator, or handed over by the
 * bot) is dropped before anything of the chat is read for the Agent or changed: when the chat
 * comes back, the bot finds it as it left it.
 */
class LeftToAHumanTest {

    @TempDir
    Path tempDir;

    private RunningBundle bundle;
    private String store;
    private TestAgent agent;
    private Sandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        store = "jdbc:sqlite:" + tempDir.resolve("store.db");
        bundle = RunningBundle.start(Map.of("channel.store.url", store));
        agent = new TestAgent();
        sandbox = Sandbox.newCompany(bundle);
    }

    @AfterEach
    void stop() {
        agent.close();
        bundle.close();
    }

    private void activeChannel(Long operatorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.put("operatorId", operatorId);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
    }

    @Test
    void aMessageWhileAHumanHasTheChatChangesNothingAndTheBotsOfferStandsWhenTheChatComesBack() throws Exception {
        activeChannel(null);
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Choose, or wait for a human\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"},{\"text\":\"No\",\"payload\":\"answer-no\"}]},"
                + "{\"type\":\"transfer\",\"groupId\":7}]}");
        JsonNode first = sandbox.clientWrites(Map.of("text", "menu", "transport", "sms"));
        long clientId = first.path("clientId").asLong();
        String dialog = "/dialogs/" + first.path("dialogId").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.api("GET", dialog, null).json()
                .path("data").path("operator_id").asLong() == Sandbox.HUMAN_OPERATOR);
        awaitTransferDeliveries(1);
        Map<String, Object> chatBefore = chatRow(clientId);

        JsonNode whileHandedOver = sandbox.clientWrites(Map.of("text", "2", "clientId", clientId, "transport", "telegram"));
        awaitHandled(whileHandedOver);

        assertThat(chatRow(clientId)).as("the chat as the bot left it").isEqualTo(chatBefore);
        sandbox.api("PUT", dialog, Collections.singletonMap("operator_id", null));
        awaitTransferDeliveries(2);
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"ok\"}]}");
        sandbox.clientWrites(Map.of("text", "1", "clientId", clientId, "transport", "sms"));
        sandbox.awaitSentToClient(clientId, 2);
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("menu", "answer-yes");
    }

    @Test
    void aMessageOfAChatAssignedToAnotherOperatorLeavesNoTrace() throws Exception {
        activeChannel(Sandbox.BOT_OPERATOR);

        JsonNode humans = sandbox.clientWrites(Map.of("text", "for Anna", "operatorId", Sandbox.HUMAN_OPERATOR));
        awaitHandled(humans);

        assertThat(chatRow(humans.path("clientId").asLong())).as("a chat the bot never had").isEmpty();
        assertThat(agent.requests()).isEmpty();
    }

    private void awaitTransferDeliveries(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.deliveries().stream().filter(d ->
                "dialog_transferred".equals(d.path("event").asText()) && d.path("status").asInt() == 200).count() == count);
    }

    /** The client's message was acknowledged, and its inbox entry is finished. */
    private void awaitHandled(JsonNode sent) {
        long messageId = sent.path("messageId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.deliveries().stream().anyMatch(d ->
                d.path("status").asInt() == 200 && d.path("payload").path("message_id").asLong() == messageId));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM inbox") == 0);
    }

    private Map<String, Object> chatRow(long clientId) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(store);
             PreparedStatement s = c.prepareStatement("SELECT * FROM chat WHERE client_id = ?")) {
            s.setLong(1, clientId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                    }
                }
            }
        }
        return row;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(store); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
