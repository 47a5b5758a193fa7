package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key per role: each channel's Agent writes first with a key of that channel's own, made with the
 * channel and shown once, replaced on request and kept hashed, which opens nothing else; the
 * management key opens everything and is no longer what an Agent needs.
 */
class AgentKeysTest {

    private static final String STORE = TestDatabase.sqliteFile();
    private static final AtomicInteger PHONES = new AtomicInteger();
    private static RunningBundle bundle;
    private static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        bundle = RunningBundle.start(Map.of("channel.store.url", "jdbc:sqlite:" + STORE));
        agent = new TestAgent();
    }

    @AfterAll
    static void stop() {
        agent.close();
        bundle.close();
    }

    /** An active channel of a new sandbox company, as CREATE & ACTIVATE answered it (with its Agent key). */
    private static JsonNode activeChannel(Sandbox sandbox) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "Keys");
        input.put("apiUrl", sandbox.apiUrl());
        input.put("token", sandbox.token());
        input.put("agentUrl", agent.url());
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("active").asBoolean()).as(created.body()).isTrue();
        return created.json();
    }

    /** A client Chat2Desk knows, so that the Agent may write to it first. */
    private static long knownClient(Sandbox sandbox) {
        String phone = "7999" + (1_000_000 + PHONES.incrementAndGet());
        return sandbox.api("POST", "/clients", Map.of("phone", phone, "transport", "telegram", "channel_id", 1))
                .json().path("data").path("id").asLong();
    }

    private static RunningBundle.Answer writeFirst(String channelId, long clientId, String key) {
        return bundle.send("POST", "/api/v1/channels/" + channelId + "/messages", firstMessage(clientId),
                Map.of("Authorization", "Bearer " + key));
    }

    private static Map<String, Object> firstMessage(long clientId) {
        return Map.of("channelChatId", clientId + "|chat2desk",
                "replies", List.of(Map.of("type", "text", "text", "Hi")));
    }

    private static RunningBundle.Answer asAgent(String method, String path, String key) {
        return bundle.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}",
                Map.of("Authorization", "Bearer " + key));
    }

    @Test
    void aNewChannelComesWithItsAgentKeyShownOnlyInThatAnswer() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels",
                Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token()));

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("agentKey").asText();
        assertThat(key).hasSizeGreaterThanOrEqualTo(43).doesNotContain(sandbox.token());
        String id = created.json().path("id").asText();
        assertThat(bundle.api("GET", "/api/v1/channels/" + id, null).body()).doesNotContain(key)
                .doesNotContain("agentKey");
        assertThat(bundle.api("GET", "/api/v1/channels", null).body()).doesNotContain(key);
        // the answer may be sent back as it is: the key in it is not a field to change
        RunningBundle.Answer sentBack = bundle.api("PUT", "/api/v1/channels/" + id, created.body());
        assertThat(sentBack.status()).as(sentBack.body()).isEqualTo(200);
        assertThat(sentBack.body()).doesNotContain(key);
    }

    @Test
    void theAgentKeyWritesFirstIntoItsOwnChannelAndOpensNothingElse() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode own = activeChannel(sandbox);
        Sandbox otherSandbox = Sandbox.newCompany(bundle);
        JsonNode other = activeChannel(otherSandbox);
        String key = own.path("agentKey").asText();
        String id = own.path("id").asText();
        String otherId = other.path("id").asText();

        RunningBundle.Answer written = writeFirst(id, knownClient(sandbox), key);
        assertThat(written.status()).as(written.body()).isEqualTo(202);

        // not another channel, not through a query parameter naming its own channel
        long otherClient = knownClient(otherSandbox);
        assertThat(writeFirst(otherId, otherClient, key).status()).isEqualTo(401);
        RunningBundle.Answer redirected = bundle.send("POST", "/api/v1/channels/" + otherId + "/messages?id=" + id,
                firstMessage(otherClient), Map.of("Authorization", "Bearer " + key));
        assertThat(redirected.status()).as(redirected.body()).isNotEqualTo(202);
        assertThat(otherSandbox.sentToClient(otherClient)).isEmpty();
        // nothing of the management API, not even its own channel
        List<String> refused = new ArrayList<>();
        for (String[] call : new String[][] {{"GET", "/api/v1/channels"}, {"GET", "/api/v1/channels/" + id},
                {"PUT", "/api/v1/channels/" + id}, {"POST", "/api/v1/channels"}, {"DELETE", "/api/v1/channels/" + id},
                {"POST", "/api/v1/channels/" + id + "/deactivate"}, {"POST", "/api/v1/channels/" + id + "/agent-key"},
                {"GET", "/api/v1/channels/" + id + "/operators"}, {"GET", "/api/v1/channels/" + id + "/counters"},
                {"GET", "/api/v1/channels/" + id + "/dead-letters"}}) {
            RunningBundle.Answer answer = asAgent(call[0], call[1], key);
            if (answer.status() == 401) {
                refused.add(call[0] + " " + call[1]);
            }
        }
        assertThat(refused).hasSize(10);
        assertThat(bundle.api("GET", "/api/v1/channels/" + id, null).json().path("active").asBoolean()).isTrue();
        // the management key still writes first, for the operators' own tools
        assertThat(writeFirst(id, knownClient(sandbox), RunningBundle.API_KEY).status()).isEqualTo(202);
    }

    @Test
    void aNewAgentKeyReplacesTheOldOneAtOnce() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(sandbox);
        String id = channel.path("id").asText();
        String old = channel.path("agentKey").asText();
        long client = knownClient(sandbox);

        RunningBundle.Answer replaced = bundle.api("POST", "/api/v1/channels/" + id + "/agent-key", null);

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        String fresh = replaced.json().path("agentKey").asText();
        assertThat(fresh).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(old);
        assertThat(writeFirst(id, client, old).status()).isEqualTo(401);
        assertThat(writeFirst(id, client, fresh).status()).isEqualTo(202);
        assertThat(bundle.api("POST", "/api/v1/channels/no-such-channel/agent-key", null).status()).isEqualTo(404);
    }

    @Test
    void theStoreKeepsOnlyTheKeysHash() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels",
                Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token()));
        String key = created.json().path("agentKey").asText();

        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + STORE); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM channel")) {
            while (r.next()) {
                for (int column = 1; column <= r.getMetaData().getColumnCount(); column++) {
                    values.add(r.getString(column));
                }
            }
        }
        assertThat(values).noneMatch(value -> value != null && value.contains(key));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(values).contains(sha256);
    }

    @Test
    void aKeyInTheQueryStringIsRefusedAndNeverLogged() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(sandbox);
        String agentKey = channel.path("agentKey").asText();
        String id = channel.path("id").asText();

        try (LogLines log = LogLines.capture()) {
            List<RunningBundle.Answer> answers = List.of(
                    bundle.get("/api/v1/channels?Authorization=Bearer%20" + RunningBundle.API_KEY),
                    bundle.get("/api/v1/channels/" + id + "?authorization=Bearer+" + RunningBundle.API_KEY),
                    bundle.send("POST", "/api/v1/channels/" + id + "/messages?Authorization=Bearer%20" + agentKey,
                            firstMessage(knownClient(sandbox)), Map.of()),
                    // with the right header too: the key in the URL is refused all the same
                    bundle.send("GET", "/api/v1/channels?Authorization=Bearer%20" + RunningBundle.API_KEY, null,
                            Map.of("Authorization", "Bearer " + RunningBundle.API_KEY)));

            for (RunningBundle.Answer answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(400);
                assertThat(answer.json().path("error").asText()).startsWith("Authorization:").contains("header")
                        .doesNotContain(RunningBundle.API_KEY).doesNotContain(agentKey);
            }
            assertThat(log.lines()).isNotEmpty()
                    .noneMatch(line -> line.contains(RunningBundle.API_KEY) || line.contains(agentKey));
        }
    }
}
