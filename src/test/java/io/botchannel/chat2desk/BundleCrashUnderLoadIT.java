package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means stored, also in the middle of a burst: the packaged jar on its default SQLite
 * store is killed with {@code kill -9} while several threads deliver webhooks for many chats, while
 * Agent calls and replies are in flight, and restarted on the same store. Chat2Desk's part is
 * played twice: the senders deliver signed webhooks as Chat2Desk does (one chat's messages one after
 * the other, an unanswered delivery repeated until it is answered 2xx), and the sandbox of a second
 * bundle process, which outlives the crash, takes the replies.
 */
class BundleCrashUnderLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "crash-test-key-of-32-characters-at-least";
    private static final int CHATS = 60;
    private static final int PER_CHAT = 6;
    private static final int SENDERS = 6;
    private static final int TOTAL = CHATS * PER_CHAT;

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aKill9DuringABurstLosesNoAcknowledgedMessageAndKeepsEachChatInOrder() throws Exception {
        int chat2deskPort = RunningBundle.freePort();
        int bundlePort = RunningBundle.freePort();
        String base = "http://127.0.0.1:" + bundlePort;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        // the Agent answers after 200 ms; its answers to chats 1 and 10-19 wait until released,
        // so that calls are surely in flight at the kill
        try (TestAgent agent = new TestAgent().echoAfter(Duration.ofMillis(200)).holdAnswersTo("m 1");
             BundleProcess chat2desk = new BundleProcess(tempDir.resolve("chat2desk"), chat2deskPort,
                     "-Dapi.key=other-key-of-the-chat2desk-stand-in-bundle",
                     "-Dsandbox.webhook-base-urls=http://localhost:" + chat2deskPort + ", http://localhost:"
                             + bundlePort).start()) {
            // the bundle's defaults, on its default store (a SQLite file under its working directory)
            String[] bundleOptions = {"-Dapi.key=" + KEY, "-Dsandbox.enabled=false"};
            BundleProcess bundle = new BundleProcess(tempDir.resolve("bundle"), bundlePort, bundleOptions).start();
            String token = "burst-" + System.nanoTime();
            String c2d = "http://127.0.0.1:" + chat2deskPort;
            chat2desk.awaitReady("the Chat2Desk sandbox", () -> post(c2d + "/sandbox/control/companies",
                    Map.of("token", token), Map.of()).statusCode() == 201);
            bundle.awaitReady("the bundle", () -> get(base + "/api/v1/channels", "Bearer " + KEY).statusCode() == 200);
            JsonNode channel = JSON.readTree(post(base + "/api/v1/channels?activate=true",
                    Map.of("apiUrl", c2d + "/sandbox/v1", "token", token, "agentUrl", agent.url()),
                    Map.of("Authorization", "Bearer " + KEY)).body());
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
            String webhookUrl = base + Webhooks.path(channel);
            long[] clients = new long[CHATS];
            for (int chat = 0; chat < CHATS; chat++) {
                HttpResponse<String> created = post(c2d + "/sandbox/v1/clients",
                        Map.of("phone", "7900" + (1_000_000 + chat), "transport", "widget"),
                        Map.of("Authorization", token));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
                clients[chat] = JSON.readTree(created.body()).path("data").path("id").asLong();
            }

            // Each sender delivers the messages of its chats round by round, a chat's next message
            // only once its last was acknowledged; a delivery not answered 2xx (the bundle is dead)
            // is repeated, as Chat2Desk does, until it is
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger unanswered = new AtomicInteger();
            List<Future<?>> sending = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int first = sender;
                sending.add(senders.submit(() -> {
                    for (int round = 0; round < PER_CHAT; round++) {
                        for (int chat = first; chat < CHATS; chat += SENDERS) {
                            String body = Webhooks.inbox(clients[chat], messageId(chat, round), text(chat, round));
                            await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO)
                                    .pollInterval(Duration.ofMillis(50))
                                    .until(() -> deliver(webhookUrl, token, body, unanswered));
                            acknowledged.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }

            // the kill: half the burst acknowledged, Agent calls made and some of them in flight
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> acknowledged.get() >= TOTAL / 2 && agent.held() > 0);
            bundle.kill();
            int acknowledgedAtKill = acknowledged.get();
            int callsBeforeRestart = agent.requests().size();
            int inFlightAtKill = agent.held();
            agent.release();
            Map<Long, List<String>> repliesBeforeRestart = new LinkedHashMap<>();
            for (long client : clients) {
                repliesBeforeRestart.put(client, sentTo(c2d, token, client));
            }
            assertThat(acknowledgedAtKill).as("webhooks acknowledged when the bundle was killed").isLessThan(TOTAL);
            assertThat(callsBeforeRestart).as("Agent calls made before the kill").isBetween(1, TOTAL - 1);
            assertThat(inFlightAtKill).as("Agent calls in flight at the kill").isPositive();

            bundle = new BundleProcess(tempDir.resolve("bundle"), bundlePort, bundleOptions).start();
            try (BundleProcess restarted = bundle) {
                restarted.awaitReady("the restarted bundle",
                        () -> get(base + "/api/v1/channels", "Bearer " + KEY).statusCode() == 200);
                for (Future<?> sent : sending) {
                    sent.get();
                }
                assertThat(acknowledged.get()).isEqualTo(TOTAL);
                assertThat(unanswered.get()).as("deliveries the killed bundle left unanswered").isPositive();
                await().atMost(Duration.ofMinutes(5)).until(() -> agent.requests().stream()
                        .map(r -> r.path("text").asText()).distinct().count() == TOTAL);
                for (int chat = 0; chat < CHATS; chat++) {
                    long client = clients[chat];
                    await().atMost(Duration.ofMinutes(2)).until(() -> distinct(sentTo(c2d, token, client)).size()
                            == PER_CHAT);
                }

                List<JsonNode> calls = agent.requests();
                Map<String, List<Integer>> callsByText = new LinkedHashMap<>();
                for (int i = 0; i < calls.size(); i++) {
                    callsByText.computeIfAbsent(calls.get(i).path("text").asText(), t -> new ArrayList<>()).add(i);
                }
                // every message reached the Agent once, or a second time when the kill cut its call
                // short: the first call made before the kill, the second after the restart and saying
                // so. A call the kill cut short before the Agent read it reaches it once, saying so
                assertThat(callsByText).hasSize(TOTAL);
                int repeated = 0;
                for (Map.Entry<String, List<Integer>> message : callsByText.entrySet()) {
                    List<Integer> at = message.getValue();
                    assertThat(at).as("calls for " + message.getKey()).hasSizeBetween(1, 2);
                    JsonNode last = calls.get(at.get(at.size() - 1));
                    if (at.size() == 2) {
                        repeated++;
                        JsonNode first = calls.get(at.get(0));
                        assertThat(first.has("redelivery")).as("first call for " + message.getKey()).isFalse();
                        assertThat(at.get(0)).as("the interrupted call of " + message.getKey())
                                .isLessThan(callsBeforeRestart);
                        assertThat(last.path("redelivery").asBoolean()).as("repeated call of " + message.getKey())
                                .isTrue();
                        assertThat(last.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
                    }
                    if (last.has("redelivery")) {
                        assertThat(last.path("redelivery").asBoolean()).isTrue();
                        assertThat(at.get(at.size() - 1)).as("the repeated call of " + message.getKey())
                                .isGreaterThanOrEqualTo(callsBeforeRestart);
                    }
                }
                // the calls held in flight at the kill were cut short: each was made again
                assertThat(repeated).as("Agent calls the kill interrupted, repeated after the restart")
                        .isGreaterThanOrEqualTo(inFlightAtKill);

                for (int chat = 0; chat < CHATS; chat++) {
                    int c = chat;
                    List<String> expected = new ArrayList<>();
                    for (int round = 0; round < PER_CHAT; round++) {
                        expected.add(text(chat, round));
                    }
                    List<String> reachedAgent = calls.stream().map(r -> r.path("text").asText())
                            .filter(t -> t.startsWith("m " + c + " ")).distinct().toList();
                    assertThat(reachedAgent).as("chat " + chat + " at the Agent").containsExactlyElementsOf(expected);
                    List<String> replies = sentTo(c2d, token, clients[chat]);
                    assertThat(distinct(replies)).as("chat " + chat + "'s replies")
                            .containsExactlyElementsOf(expected.stream().map(t -> "re: " + t).toList());
                    assertRepeatedOnlyIfCutShort(replies, repliesBeforeRestart.get(clients[chat]), chat);
                }
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Each reply reaches the client once; a reply may arrive a second time only right after itself,
     * when it was the last reply of its chat to arrive before the kill: the kill fell between
     * Chat2Desk's answer and the bundle's record of it.
     */
    private static void assertRepeatedOnlyIfCutShort(List<String> replies, List<String> beforeRestart, int chat) {
        for (int i = 1; i < replies.size(); i++) {
            if (replies.get(i).equals(replies.get(i - 1))) {
                assertThat(i).as("chat " + chat + ": " + replies.get(i) + " again, " + replies)
                        .isEqualTo(beforeRestart.size());
            }
        }
        assertThat(replies.size()).as("chat " + chat + "'s replies: " + replies).isLessThanOrEqualTo(PER_CHAT + 1);
    }

    private static List<String> distinct(List<String> texts) {
        return texts.stream().distinct().toList();
    }

    private static long messageId(int chat, int round) {
        return 7_000_000L + chat * 100L + round;
    }

    private static String text(int chat, int round) {
        return "m " + chat + " " + round;
    }

    /** A signed delivery; true when the bundle acknowledged it (2xx), else counted as unanswered. */
    private boolean deliver(String url, String token, String body, AtomicInteger unanswered) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = WebhookSignature.sign(WebhookSignature.keyFor(token),
                body.getBytes(StandardCharsets.UTF_8), timestamp);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Signature", signature).header("X-Timestamp", timestamp)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                return true;
            }
        } catch (Exception e) {
            // the bundle is down: not acknowledged
        }
        unanswered.incrementAndGet();
        return false;
    }

    /** The texts the client got, in the order the sandbox received them. */
    private List<String> sentTo(String c2d, String token, long clientId) throws Exception {
        List<String> sent = new ArrayList<>();
        JSON.readTree(get(c2d + "/sandbox/control/clients/" + clientId + "/messages?token=" + token, null).body())
                .forEach(m -> {
                    if ("to_client".equals(m.path("type").asText())) {
                        sent.add(m.path("text").asText());
                    }
                });
        return sent;
    }

    private HttpResponse<String> post(String url, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
