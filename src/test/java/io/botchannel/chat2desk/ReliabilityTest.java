package io.botchannel.chat2desk;

import static io.botchannel.chat2desk.Webhooks.inbox;
import static io.botchannel.chat2desk.Webhooks.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises of a customer-facing bot: a message reaches the Agent once however often it is
 * delivered, a chat's messages in order, and replies get through Chat2Desk's bad moments or end
 * up as dead letters that can be replayed.
 */
class ReliabilityTest {

    @TempDir
    Path tempDir;

    private final List<RunningBundle> bundles = new ArrayList<>();
    private TestAgent agent;

    @BeforeEach
    void agent() throws Exception {
        agent = new TestAgent();
    }

    @AfterEach
    void stopAll() {
        agent.close();
        bundles.forEach(RunningBundle::close);
    }

    private RunningBundle start(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dispatch.retry-initial-ms", "100");
        properties.put("dispatch.retry-max-ms", "400");
        properties.put("dispatch.poll-ms", "100");
        properties.put("dispatch.takeover-check-ms", "100");
        properties.put("chat2desk.retry-delay-ms", "50");
        properties.putAll(overrides);
        RunningBundle bundle = RunningBundle.start(properties);
        bundles.add(bundle);
        return bundle;
    }

    private JsonNode activeChannel(RunningBundle bundle, Sandbox sandbox) {
        Map<String, Object> body = Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token(), "agentUrl", agent.url());
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return channel;
    }


    private List<String> agentTexts() {
        return agent.requests().stream().map(r -> r.path("text").asText()).toList();
    }

    @Test
    void aMessageDeliveredAgainReachesTheAgentOnceEvenAcrossARestart() {
        String store = "jdbc:sqlite:" + tempDir.resolve("store.db");
        RunningBundle bundle = start(Map.of("channel.store.url", store));
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(bundle, sandbox);
        long clientId = sandbox.clientWrites("first").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);
        long messageId = agent.requests().get(0).path("messageId").asLong();

        for (int i = 0; i < 3; i++) {
            assertThat(bundle.post(path(channel), inbox(clientId, messageId, "first")).status()).isEqualTo(200);
        }
        bundle.close();
        bundles.remove(bundle);

        RunningBundle restarted = start(Map.of("channel.store.url", store, "camel.server.port",
                String.valueOf(bundle.port())));
        assertThat(restarted.post(path(channel), inbox(clientId, messageId, "first")).status()).isEqualTo(200);
        assertThat(restarted.post(path(channel), inbox(clientId, messageId + 1000, "second")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() >= 2);

        assertThat(agentTexts()).containsExactly("first", "second");
    }

    @Test
    void twoInstancesSharingAStoreHandAMessageToTheAgentOnce() {
        String store = "jdbc:sqlite:" + TestDatabase.sqliteFile();
        RunningBundle first = start(Map.of("channel.store.url", store, "dispatch.instance-id", "first"));
        RunningBundle second = start(Map.of("channel.store.url", store, "dispatch.instance-id", "second"));
        Sandbox sandbox = Sandbox.newCompany(first);
        JsonNode channel = activeChannel(first, sandbox);
        long clientId = sandbox.clientWrites("hello").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);
        long messageId = agent.requests().get(0).path("messageId").asLong();

        for (int i = 0; i < 5; i++) {
            assertThat(first.post(path(channel), inbox(clientId, messageId + 1, "again")).status()).isEqualTo(200);
            assertThat(second.post(path(channel), inbox(clientId, messageId + 1, "again")).status()).isEqualTo(200);
        }
        assertThat(second.post(path(channel), inbox(clientId, messageId + 2, "last")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> agentTexts().contains("last"));

        assertThat(agentTexts()).containsExactly("hello", "again", "last");
    }

    @Test
    void anAgentCallLongerThanTheLeaseKeepsItsClaimWhileAnotherInstanceLooksForAbandonedWork() throws Exception {
        String store = "jdbc:sqlite:" + TestDatabase.sqliteFile();
        Duration lease = Duration.ofSeconds(1);
        Map<String, String> shared = Map.of("channel.store.url", store, "dispatch.lease-ms",
                String.valueOf(lease.toMillis()), "agent.timeout-ms", "60000");
        RunningBundle busy = start(with(shared, "dispatch.instance-id", "busy"));
        start(with(shared, "dispatch.instance-id", "other"));
        Sandbox sandbox = Sandbox.newCompany(busy);
        activeChannel(busy, sandbox);
        agent.holdAnswers();
        long clientId = sandbox.clientWrites("a long question").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 1);

        // the claim lives on well past its lease, renewed by the instance that works on it
        try (Connection c = DriverManager.getConnection(store)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT received_at, claimed_at FROM inbox")) {
                    r.next();
                    return r.getTimestamp("claimed_at").toInstant()
                            .isAfter(r.getTimestamp("received_at").toInstant().plus(lease.multipliedBy(3)));
                }
            });
        }
        agent.release();

        sandbox.awaitSentToClient(clientId, 1);
        assertThat(agent.requests()).as("calls of the Agent").hasSize(1);
        assertThat(sandbox.sentToClient(clientId)).hasSize(1);
    }

    private static Map<String, String> with(Map<String, String> shared, String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(shared);
        properties.put(key, value);
        return properties;
    }

    @Test
    void anInstanceClaimsNoMoreThanItMayHaveInHandAndAnotherInstanceTakesTheRest() {
        String store = "jdbc:sqlite:" + TestDatabase.sqliteFile();
        RunningBundle busy = start(Map.of("channel.store.url", store, "dispatch.instance-id", "busy",
                "dispatch.max-in-flight", "4", "dispatch.claim-batch", "2"));
        Sandbox sandbox = Sandbox.newCompany(busy);
        activeChannel(busy, sandbox);
        agent.holdAnswers();
        for (int i = 0; i < 12; i++) {
            sandbox.clientWrites("chat " + i);
        }
        // four in hand, all waiting for the Agent: the others stay unclaimed
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() == 4);

        start(Map.of("channel.store.url", store, "dispatch.instance-id", "idle", "dispatch.concurrency", "16"));
        // at least six of the eight or so the busy instance left; claiming everything, it left none
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests().size() >= 8);
        agent.release();
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 12);

        assertThat(agentTexts()).containsExactlyInAnyOrder("chat 0", "chat 1", "chat 2", "chat 3", "chat 4", "chat 5",
                "chat 6", "chat 7", "chat 8", "chat 9", "chat 10", "chat 11");
    }

    @Test
    void aChatsMessagesReachTheAgentInOrderWhileOtherChatsGoOn() {
        RunningBundle bundle = start(Map.of("dispatch.concurrency", "4"));
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(bundle, sandbox);
        agent.holdAnswersTo("slow");
        long slowChat = sandbox.clientWrites("slow 0").path("clientId").asLong();
        for (int i = 1; i <= 20; i++) {
            sandbox.clientWrites(Map.of("clientId", slowChat, "text", "slow " + i));
        }

        // while the first chat waits for the Agent, another chat is answered
        long otherChat = sandbox.clientWrites("quick").path("clientId").asLong();
        sandbox.awaitSentToClient(otherChat, 1);
        assertThat(agentTexts()).filteredOn(t -> t.startsWith("slow")).containsExactly("slow 0");

        agent.release();
        sandbox.awaitSentToClient(slowChat, 21);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            expected.add("slow " + i);
        }
        assertThat(agentTexts()).filteredOn(t -> t.startsWith("slow")).containsExactlyElementsOf(expected);
        assertThat(bundle.post(path(channel), "{}").status()).isEqualTo(400);
    }

    @Test
    void aFloodedChannelAndASlowAgentDoNotHoldUpAQuietChannel() {
        // four workers: were a message at its channel's rate, or waiting for its Agent, to hold
        // one, the flood and the slow Agent would take them all
        RunningBundle bundle = start(Map.of("dispatch.concurrency", "4", "chat2desk.rate-per-second", "1"));
        Sandbox flooded = Sandbox.newCompany(bundle);
        Sandbox slow = Sandbox.newCompany(bundle);
        Sandbox quiet = Sandbox.newCompany(bundle);
        activeChannel(bundle, flooded);
        activeChannel(bundle, slow);
        activeChannel(bundle, quiet);
        agent.holdAnswersTo("slow");
        List<Long> floodClients = new ArrayList<>();
        List<Long> slowClients = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            floodClients.add(flooded.clientWrites("flood " + i).path("clientId").asLong());
            slowClients.add(slow.clientWrites("slow " + i).path("clientId").asLong());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agentTexts().stream().filter(t -> t.startsWith("slow")).count() == 30);

        long quietClient = quiet.clientWrites("quiet").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> quiet.sentToClient(quietClient).size() == 1);

        // answered while all 30 calls of the slow channel still wait, and the flood is still going out
        assertThat(slowClients).allSatisfy(client -> assertThat(slow.sentToClient(client)).isEmpty());
        assertThat(floodClients.stream().filter(client -> !flooded.sentToClient(client).isEmpty()).count())
                .isLessThan(30);
        agent.release();
        for (long client : slowClients) {
            await().atMost(Duration.ofSeconds(60)).until(() -> slow.sentToClient(client).size() == 1);
        }
    }

    @Test
    void keptRepliesTakenUpAfterAnotherChatsWorkGoToTheirOwnChat() throws Exception {
        // no timer wakes the dispatcher: the end of another chat's work is what takes the retry up
        String store = "jdbc:sqlite:" + TestDatabase.sqliteFile();
        RunningBundle bundle = start(Map.of("channel.store.url", store, "dispatch.poll-ms", "3600000",
                "dispatch.takeover-check-ms", "3600000", "dispatch.retry-initial-ms", "500",
                "dispatch.retry-max-ms", "500"));
        Sandbox sandbox = Sandbox.newCompany(bundle);
        activeChannel(bundle, sandbox);
        agent.echoAfter(Duration.ZERO).holdAnswersTo("second");
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 503, "count", 1,
                "pathContains", "/messages"));

        // the first chat's reply is refused once: its answer is kept and its retry falls due later
        JsonNode first = sandbox.clientWrites("first chat");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                bundle.get("/sandbox/control/faults?token=" + sandbox.token()).json().isEmpty());
        // the second chat's Agent call is under way while that retry falls due
        long second = sandbox.clientWrites("second chat").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 2);
        try (Connection c = DriverManager.getConnection(store)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT next_attempt_at, replies FROM inbox"
                        + " WHERE dedup_key = 'inbox:" + first.path("messageId").asText() + "'")) {
                    return r.next() && r.getString("replies") != null
                            && r.getTimestamp("next_attempt_at").toInstant().isBefore(Instant.now());
                }
            });
        }
        agent.release();

        long firstClient = first.path("clientId").asLong();
        assertThat(sandbox.awaitSentToClient(firstClient, 1)).extracting(m -> m.path("text").asText())
                .containsExactly("re: first chat");
        assertThat(sandbox.awaitSentToClient(second, 1)).extracting(m -> m.path("text").asText())
                .containsExactly("re: second chat");
    }

    @Test
    void repliesGetThroughRateLimitsAndServerErrors() {
        RunningBundle bundle = start(Map.of());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        activeChannel(bundle, sandbox);
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 429, "count", 2,
                "pathContains", "/messages", "retryAfterSeconds", 1));
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 503, "count", 2,
                "pathContains", "/messages"));

        long clientId = sandbox.clientWrites("through the storm").path("clientId").asLong();

        assertThat(sandbox.awaitSentToClient(clientId, 1).get(0).path("text").asText()).isEqualTo("Agent says hi");
        assertThat(bundle.get("/sandbox/control/faults?token=" + sandbox.token()).json()).isEmpty();
        assertThat(agent.requests()).hasSize(1);
    }

    @Test
    void callsToChat2DeskAreThrottledPerChannel() {
        RunningBundle bundle = start(Map.of("chat2desk.rate-per-second", "2"));
        Sandbox sandbox = Sandbox.newCompany(bundle);
        activeChannel(bundle, sandbox);
        agent.replies("{\"replies\":[" + String.join(",", java.util.Collections.nCopies(6,
                "{\"type\":\"text\",\"text\":\"part\"}")) + "]}");

        long start = System.nanoTime();
        long clientId = sandbox.clientWrites("six parts please").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 6);

        // at 2 calls a second, six calls take at least two more seconds after the first two
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aReplyChat2DeskRefusesIsNotRetriedAndBecomesADeadLetterThatCanBeReplayed() {
        RunningBundle bundle = start(Map.of());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(bundle, sandbox);
        String deadLetters = "/api/v1/channels/" + channel.path("id").asText() + "/dead-letters";
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 400, "count", 5,
                "pathContains", "/messages"));

        long clientId = sandbox.clientWrites("refused").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> bundle.api("GET", deadLetters, null).json().size() == 1);

        JsonNode dead = bundle.api("GET", deadLetters, null).json().get(0);
        assertThat(dead.path("reason").asText()).contains("400");
        // the call, its status and Chat2Desk's own answer; no Camel internals
        assertThat(dead.path("reason").asText()).startsWith("POST /sandbox/v1/messages answered 400: {")
                .doesNotContain("Exception").doesNotContain("Exchange[");
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        // one attempt only: four of the five faults are left
        assertThat(bundle.get("/sandbox/control/faults?token=" + sandbox.token()).json().get(0).path("remaining").asInt())
                .isEqualTo(4);
        assertThat(sandbox.sentToClient(clientId)).isEmpty();

        bundle.send("DELETE", "/sandbox/control/faults?token=" + sandbox.token(), null, Map.of());
        RunningBundle.Answer replay = bundle.api("POST", deadLetters + "/" + dead.path("id").asText() + "/replay", null);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(sandbox.awaitSentToClient(clientId, 1).get(0).path("text").asText()).isEqualTo("Agent says hi");
        assertThat(bundle.api("GET", deadLetters, null).json()).isEmpty();
        // the Agent's answer was kept: the replay did not ask it again
        assertThat(agent.requests()).hasSize(1);
        assertThat(bundle.api("POST", deadLetters + "/999999/replay", null).status()).isEqualTo(404);
    }

    @Test
    void aDeadLetterDeletedThroughTheApiIsGoneForGoodAndItsChatGoesOn() {
        RunningBundle bundle = start(Map.of());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(bundle, sandbox);
        String deadLetters = "/api/v1/channels/" + channel.path("id").asText() + "/dead-letters";
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 400, "count", 1,
                "pathContains", "/messages"));
        long clientId = sandbox.clientWrites("refused").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> bundle.api("GET", deadLetters, null).json().size() == 1);
        String id = bundle.api("GET", deadLetters, null).json().get(0).path("id").asText();

        RunningBundle.Answer deleted = bundle.api("DELETE", deadLetters + "/" + id, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(bundle.api("GET", deadLetters, null).json()).isEmpty();
        assertThat(bundle.api("POST", deadLetters + "/" + id + "/replay", null).status()).isEqualTo(404);
        assertThat(bundle.api("DELETE", deadLetters + "/" + id, null).status()).isEqualTo(404);
        assertThat(bundle.api("DELETE", "/api/v1/channels/no-such-channel/dead-letters/" + id, null).status())
                .isEqualTo(404);
        sandbox.clientWrites(Map.of("clientId", clientId, "text", "again"));
        assertThat(sandbox.awaitSentToClient(clientId, 1).get(0).path("text").asText()).isEqualTo("Agent says hi");
        assertThat(sandbox.sentToClient(clientId)).hasSize(1);
    }

    @Test
    void anAgentAnswerWithAnInvalidReplyBecomesADeadLetterSayingWhatWasWrong() {
        RunningBundle bundle = start(Map.of());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = activeChannel(bundle, sandbox);
        String deadLetters = "/api/v1/channels/" + channel.path("id").asText() + "/dead-letters";
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"video\"}]}");

        long clientId = sandbox.clientWrites("show me").path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> bundle.api("GET", deadLetters, null).json().size() == 1);

        String reason = bundle.api("GET", deadLetters, null).json().get(0).path("reason").asText();
        assertThat(reason).contains("replies[1].type:").contains("video").doesNotContain("Exception");
        assertThat(sandbox.sentToClient(clientId)).isEmpty();
    }

    @Test
    void whileTheAgentIsDownMessagesWaitAndGoOutInOrderOnceItIsBack() {
        RunningBundle bundle = start(Map.of());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        activeChannel(bundle, sandbox);
        agent.answerMessagesWith(503);

        long clientId = sandbox.clientWrites("one").path("clientId").asLong();
        sandbox.clientWrites(Map.of("clientId", clientId, "text", "two"));
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() >= 3);
        assertThat(agentTexts()).containsOnly("one");
        assertThat(agent.requests().get(1).path("redelivery").asBoolean()).as(agent.requests().toString()).isTrue();

        agent.answerMessagesWith(200);
        sandbox.awaitSentToClient(clientId, 2);
        List<String> texts = agentTexts();
        assertThat(texts.subList(texts.indexOf("two") - 1, texts.size())).containsExactly("one", "two");
    }
}
