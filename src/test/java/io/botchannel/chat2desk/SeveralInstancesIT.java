package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged jar on one PostgreSQL behind a round robin, as an operator runs
 * them. Clients of many chats write while one instance is killed with {@code kill -9}: every
 * acknowledged message reaches the Agent once (only an Agent call the kill interrupted is repeated,
 * with {@code "redelivery": true}), each chat in order; the survivor takes up what the killed one
 * held once its lease runs out, and the killed one, started again, takes work again. Chat2Desk is
 * the sandbox of a third process.
 */
class SeveralInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "instances-test-key-of-32-characters-at-least";
    private static final int CHATS = 20;
    private static final Duration LEASE = Duration.ofSeconds(4);
    /** Generous: on a busy machine three JVMs starting at once take minutes. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Long> clients = new ArrayList<>();
    /** What each client wrote, in order, and the Chat2Desk message ids of all of it. */
    private final Map<Long, List<String>> written = new HashMap<>();
    private final List<String> messageIds = new ArrayList<>();
    private final AtomicInteger writes = new AtomicInteger();
    /** The clients whose replies were not what they wrote, answered in order. */
    private final List<Long> wrongReplies = new ArrayList<>();
    private String c2d;
    private String token;

    @Test
    void theSurvivorTakesOverAKilledInstancesWorkAndTheKilledOneRejoins() throws Exception {
        int chat2deskPort = RunningBundle.freePort();
        int firstPort = RunningBundle.freePort();
        int secondPort = RunningBundle.freePort();
        List<BundleProcess> processes = new ArrayList<>();
        try (TestDatabase database = TestDatabase.postgres();
             TestAgent agent = new TestAgent().echoAfter(Duration.ofMillis(150));
             RoundRobin balancer = new RoundRobin(List.of(firstPort, secondPort))) {
            // its sandbox delivers to its own demo channel and to the instances, through the balancer
            BundleProcess chat2desk = new BundleProcess(tempDir.resolve("chat2desk"), chat2deskPort, "-Xmx256m",
                    "-Dapi.key=other-key-of-the-chat2desk-stand-in-bundle", "-Dsandbox.retry-scale=0.01",
                    "-Dsandbox.webhook-base-urls=http://localhost:" + chat2deskPort + ", " + balancer.url()).start();
            processes.add(chat2desk);
            BundleProcess first = new BundleProcess(tempDir.resolve("first"), firstPort,
                    instance(database, balancer, "first")).start();
            processes.add(first);
            BundleProcess second = new BundleProcess(tempDir.resolve("second"), secondPort,
                    instance(database, balancer, "second")).start();
            processes.add(second);
            try {
                c2d = "http://127.0.0.1:" + chat2deskPort;
                token = "instances-" + System.nanoTime();
                await().atMost(PATIENCE).ignoreExceptions().until(() -> post(c2d + "/sandbox/control/companies",
                        Map.of("token", token), null).statusCode() == 201);
                awaitReady(first);
                awaitReady(second);
                JsonNode channel = JSON.readTree(post(api(first, "/api/v1/channels?activate=true"), Map.of(
                        "apiUrl", c2d + "/sandbox/v1", "token", token, "agentUrl", agent.url()), KEY).body());
                assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
                assertThat(channel.path("webhookUrl").asText()).startsWith(balancer.url());
                for (int chat = 0; chat < CHATS; chat++) {
                    clientWrites(null, "chat " + chat + " message 0");
                }

                // Clients go on writing while the first instance is killed in the middle of Agent calls
                CompletableFuture<Void> load = CompletableFuture.runAsync(() -> writeRounds(1, 10));
                await().atMost(PATIENCE).until(() -> writes.get() >= 3 * CHATS
                        && held(database, "first").containsValue("calling"));
                first.kill();
                // what the killed instance held, frozen as it was: message id -> state
                Map<String, String> cutShort = held(database, "first");
                load.get();

                // Every message acknowledged; while the killed instance stays down the survivor
                // finishes all of it (a finished entry leaves the inbox), what the killed one held included
                await().atMost(PATIENCE).until(() -> acknowledged().containsAll(messageIds));
                await().atMost(PATIENCE).until(() -> unfinished(database) == 0 && seen(database) == writes.get());
                assertThat(cutShort).as("entries the killed instance held").isNotEmpty();

                // The killed instance started again takes webhooks and work again
                int answeredBefore = balancer.answeredBy(firstPort);
                first = new BundleProcess(tempDir.resolve("first"), firstPort, instance(database, balancer, "first")).start();
                processes.add(first);
                awaitReady(first);
                int writtenBefore = messageIds.size();
                load = CompletableFuture.runAsync(() -> writeRounds(11, 3));
                await().atMost(PATIENCE).until(() -> !held(database, "first").isEmpty());
                load.get();
                List<String> writtenSince = messageIds.subList(writtenBefore, messageIds.size());
                await().atMost(PATIENCE).until(() -> acknowledged().containsAll(writtenSince));
                await().atMost(PATIENCE).until(() -> unfinished(database) == 0 && seen(database) == writes.get());
                assertThat(balancer.answeredBy(firstPort)).as("webhooks answered by the restarted instance")
                        .isGreaterThan(answeredBefore);

                assertAgentCalls(agent, cutShort);
                assertRepliesInOrder((int) cutShort.values().stream().filter("replying"::equals).count());
            } catch (AssertionError | RuntimeException e) {
                // a restarted instance appends to the log of its first start
                List<Path> logs = processes.stream().map(BundleProcess::log).distinct().toList();
                for (Path log : logs) {
                    System.err.println("---- warnings and errors in " + log + "\n" + warnings(log));
                }
                for (long client : wrongReplies) {
                    for (Path log : logs) {
                        System.err.println("---- client " + client + " in " + log + "\n" + linesAbout(log, "client " + client));
                    }
                }
                keepLogs(logs);
                throw e;
            } finally {
                for (BundleProcess process : processes) {
                    process.close();
                }
            }
        }
    }

    /**
     * Once per message, a repeat only of calls the kill cut short, flagged; each chat in order. An
     * entry the killed instance had claimed is called once, by the survivor; one whose Agent call
     * was under way is called again with {@code "redelivery": true} (only that, if the first call
     * had not reached the Agent yet); one whose answer was kept is not called again.
     */
    private void assertAgentCalls(TestAgent agent, Map<String, String> cutShort) {
        Map<String, List<JsonNode>> callsByMessage = new LinkedHashMap<>();
        agent.requests().forEach(r -> callsByMessage.computeIfAbsent(r.path("messageId").asText(),
                k -> new ArrayList<>()).add(r));
        assertThat(callsByMessage.keySet()).as("messages that reached the Agent")
                .containsExactlyInAnyOrderElementsOf(messageIds);
        callsByMessage.forEach((messageId, calls) -> {
            if ("calling".equals(cutShort.get(messageId))) {
                assertThat(calls).as("interrupted call of " + messageId).hasSizeBetween(1, 2);
                assertThat(calls.get(calls.size() - 1).path("redelivery").asBoolean()).isTrue();
                if (calls.size() == 2) {
                    assertThat(calls.get(0).has("redelivery")).as("first call of " + messageId).isFalse();
                }
            } else {
                assertThat(calls).as("calls for " + messageId).hasSize(1);
                assertThat(calls.get(0).has("redelivery")).as("redelivery flag of " + messageId).isFalse();
            }
        });
        for (long client : clients) {
            List<String> order = agent.requests().stream()
                    .filter(r -> r.path("channelChatId").asText().equals(client + "|chat2desk"))
                    .map(r -> r.path("text").asText()).distinct().toList();
            assertThat(order).as("the Agent's view of client " + client).isEqualTo(written.get(client));
        }
    }

    /**
     * Each client got every answer, in order. A reply the killed instance sent but had not yet
     * recorded is sent again, right after itself: at most one per entry it held in its replies.
     */
    private void assertRepliesInOrder(int cutInReplies) throws Exception {
        int repeated = 0;
        for (long client : clients) {
            List<String> sent = new ArrayList<>();
            JSON.readTree(get(c2d + "/sandbox/control/clients/" + client + "/messages?token=" + token).body())
                    .forEach(m -> {
                        if ("to_client".equals(m.path("type").asText())) {
                            sent.add(m.path("text").asText());
                        }
                    });
            List<String> once = new ArrayList<>();
            for (String text : sent) {
                if (!once.isEmpty() && once.get(once.size() - 1).equals(text)) {
                    repeated++;
                } else {
                    once.add(text);
                }
            }
            List<String> expected = written.get(client).stream().map(text -> "re: " + text).toList();
            if (!once.equals(expected)) {
                wrongReplies.add(client);
            }
            assertThat(once).as("replies to client " + client).isEqualTo(expected);
        }
        assertThat(repeated).as("replies sent twice").isLessThanOrEqualTo(cutInReplies);
    }

    private String[] instance(TestDatabase database, RoundRobin balancer, String id) {
        return new String[] {"-Xmx256m", "-Dapi.key=" + KEY, "-Dsandbox.enabled=false",
            "-Dchannel.store.url=" + database.url(), "-Dchannel.store.user=" + database.user(),
            "-Dchannel.store.password=" + database.password(), "-Dchannel.public-url=" + balancer.url(),
            "-Ddispatch.instance-id=" + id, "-Ddispatch.lease-ms=" + LEASE.toMillis(), "-Ddispatch.poll-ms=200",
            "-Ddispatch.takeover-check-ms=200", "-Ddispatch.concurrency=8", "-Ddispatch.retry-initial-ms=200", "-Dagent.connect-timeout-ms=1000",
            "-Dagent.timeout-ms=" + LEASE.dividedBy(2).toMillis(), "-Dchat2desk.rate-per-second=1000"};
    }

    /** Rounds of one message per chat, paced like clients typing rather than as fast as possible. */
    private void writeRounds(int from, int rounds) {
        try {
            for (int round = from; round < from + rounds; round++) {
                for (int chat = 0; chat < CHATS; chat++) {
                    clientWrites(clients.get(chat), "chat " + chat + " message " + round);
                    Thread.sleep(20);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void clientWrites(Long clientId, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("text", text);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        HttpResponse<String> answer = post(c2d + "/sandbox/control/client-messages", body, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode message = JSON.readTree(answer.body());
        long client = message.path("clientId").asLong();
        if (clientId == null) {
            clients.add(client);
        }
        written.computeIfAbsent(client, c -> new ArrayList<>()).add(text);
        messageIds.add(message.path("messageId").asText());
        writes.incrementAndGet();
    }

    /** Message ids of the inbox webhooks answered 200: each one a promise that it will be processed. */
    private Set<String> acknowledged() throws Exception {
        Set<String> ids = new HashSet<>();
        JSON.readTree(get(c2d + "/sandbox/control/deliveries?token=" + token).body()).forEach(d -> {
            if ("inbox".equals(d.path("event").asText()) && d.path("status").asInt() == 200) {
                ids.add(d.path("payload").path("message_id").asText());
            }
        });
        return ids;
    }

    /** The entries the instance holds: Chat2Desk message id -> state. */
    private static Map<String, String> held(TestDatabase database, String owner) throws SQLException {
        Map<String, String> held = new HashMap<>();
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT dedup_key, state"
                + " FROM inbox WHERE owner = ? AND state IN ('claimed', 'calling', 'replying')")) {
            s.setString(1, owner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getString(1);
                    held.put(key.substring(key.indexOf(':') + 1), r.getString(2));
                }
            }
        }
        return held;
    }

    /** Entries in the inbox: a finished one is deleted, only its key is kept. */
    private static long unfinished(TestDatabase database) throws SQLException {
        return longs(database, "SELECT count(*) FROM inbox").get(0);
    }

    /** Events received: their keys. */
    private static long seen(TestDatabase database) throws SQLException {
        return longs(database, "SELECT count(*) FROM inbox_seen").get(0);
    }

    private static List<Long> longs(TestDatabase database, String sql, Object... parameters) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (String value : strings(database, sql, parameters)) {
            values.add(value == null ? 0 : Long.parseLong(value));
        }
        return values;
    }

    private static List<String> strings(TestDatabase database, String sql, Object... parameters) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }

    private void awaitReady(BundleProcess instance) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api(instance, "/api/v1/channels")))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + KEY).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }

    private static String api(BundleProcess instance, String path) {
        return "http://127.0.0.1:" + instance.port() + path;
    }

    private HttpResponse<String> post(String url, Object body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The processes' whole logs, copied out of the temporary directory that is deleted after the
     * test: what each instance did with each entry is only in its INFO lines.
     */
    private static void keepLogs(List<Path> logs) {
        Path kept = Path.of("target", "several-instances-logs", String.valueOf(System.currentTimeMillis()));
        try {
            Files.createDirectories(kept);
            for (Path log : logs) {
                if (Files.exists(log)) {
                    Files.copy(log, kept.resolve(log.getParent().getFileName() + ".log"));
                }
            }
            System.err.println("---- the processes' logs are kept in " + kept.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("---- the processes' logs could not be kept: " + e);
        }
    }

    private static String warnings(Path log) {
        return lines(log, line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    /** What an instance logged of a client: its webhooks received, its replies sent, its messages left to a human. */
    private static String linesAbout(Path log, String client) {
        return lines(log, line -> line.contains(client + " ") || line.endsWith(client));
    }

    private static String lines(Path log, Predicate<String> wanted) {
        try (var lines = Files.lines(log)) {
            return String.join("\n", lines.filter(wanted).limit(200).toList());
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
