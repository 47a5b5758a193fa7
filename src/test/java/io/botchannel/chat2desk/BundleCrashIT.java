package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means stored: the bundle is killed with {@code kill -9} while messages are in
 * flight, restarted on the same store, and every acknowledged message is processed, none twice,
 * except the Agent calls the crash interrupted, repeated once with {@code "redelivery": true}.
 * Chat2Desk is the sandbox of a second bundle process, so that it outlives the crash.
 */
class BundleCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "crash-test-key-of-32-characters-at-least";

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyAcknowledgedMessageIsProcessedAfterAKill9AndOnlyInterruptedAgentCallsRepeat() throws Exception {
        int chat2deskPort = RunningBundle.freePort();
        int bundlePort = RunningBundle.freePort();
        try (TestAgent agent = new TestAgent();
             // its sandbox delivers webhooks only to the bundles it is told of: itself and the one under test
             BundleProcess chat2desk = new BundleProcess(tempDir.resolve("chat2desk"), chat2deskPort,
                     "-Dapi.key=other-key-of-the-chat2desk-stand-in-bundle", "-Dsandbox.retry-scale=0.01",
                     "-Dsandbox.webhook-base-urls=http://localhost:" + chat2deskPort + ", http://localhost:" + bundlePort).start()) {
            String[] bundleOptions = {"-Dapi.key=" + KEY, "-Dsandbox.enabled=false", "-Ddispatch.concurrency=4",
                    "-Ddispatch.poll-ms=200", "-Ddispatch.retry-initial-ms=200"};
            BundleProcess bundle = new BundleProcess(tempDir.resolve("bundle"), bundlePort, bundleOptions).start();
            String token = "crash-" + System.nanoTime();
            String c2d = "http://127.0.0.1:" + chat2deskPort;
            chat2desk.awaitReady("the Chat2Desk sandbox",
                    () -> post(c2d + "/sandbox/control/companies", Map.of("token", token), null).statusCode() == 201);
            bundle.awaitReady("the bundle", () -> get(
                    "http://127.0.0.1:" + bundlePort + "/api/v1/channels", "Bearer " + KEY).statusCode() == 200);
            JsonNode channel = JSON.readTree(post("http://127.0.0.1:" + bundlePort + "/api/v1/channels?activate=true",
                    Map.of("apiUrl", c2d + "/sandbox/v1", "token", token, "agentUrl", agent.url()), "Bearer " + KEY).body());
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();

            // Five chats answered before the crash
            List<Long> quiet = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long client = clientWrites(c2d, token, null, "before " + i);
                clientWrites(c2d, token, client, "before " + i + " again");
                quiet.add(client);
            }
            for (long client : quiet) {
                await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(c2d, token, client).size() == 2);
            }

            // Two chats whose Agent calls are in flight at the crash, each with two more messages
            // acknowledged behind them
            agent.holdAnswersTo("crash");
            List<Long> crashed = new ArrayList<>();
            for (String name : List.of("A", "B")) {
                long client = clientWrites(c2d, token, null, "crash " + name);
                crashed.add(client);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> agent.requests().stream()
                    .filter(r -> r.path("text").asText().startsWith("crash")).count() == 2);
            for (long client : crashed) {
                clientWrites(c2d, token, client, "after " + client + " 1");
                clientWrites(c2d, token, client, "after " + client + " 2");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedInboxes(c2d, token) == 10 + 6);

            bundle.kill();
            agent.release();
            bundle = new BundleProcess(tempDir.resolve("bundle"), bundlePort, bundleOptions).start();
            try (BundleProcess restarted = bundle) {
                restarted.awaitReady("the restarted bundle", () -> get(
                        "http://127.0.0.1:" + bundlePort + "/api/v1/channels", "Bearer " + KEY).statusCode() == 200);
                for (long client : crashed) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(c2d, token, client).size() >= 3);
                }

                Map<String, List<JsonNode>> callsByMessage = new LinkedHashMap<>();
                agent.requests().forEach(r -> callsByMessage.computeIfAbsent(r.path("messageId").asText(),
                        k -> new ArrayList<>()).add(r));
                assertThat(callsByMessage).hasSize(16);
                callsByMessage.forEach((messageId, calls) -> {
                    String text = calls.get(0).path("text").asText();
                    if (text.startsWith("crash")) {
                        assertThat(calls).as("interrupted call of " + text).hasSize(2);
                        assertThat(calls.get(0).has("redelivery")).isFalse();
                        assertThat(calls.get(1).path("redelivery").asBoolean()).isTrue();
                    } else {
                        assertThat(calls).as("calls for " + text).hasSize(1);
                    }
                });
                for (long client : crashed) {
                    List<String> inOrder = agent.requests().stream()
                            .filter(r -> r.path("channelChatId").asText().equals(client + "|chat2desk"))
                            .map(r -> r.path("text").asText()).distinct().toList();
                    assertThat(inOrder).containsExactly(inOrder.get(0), "after " + client + " 1", "after " + client + " 2");
                    assertThat(sentTo(c2d, token, client)).hasSize(3);
                }
                for (long client : quiet) {
                    assertThat(sentTo(c2d, token, client)).hasSize(2);
                }
            }
        }
    }

    private long clientWrites(String c2d, String token, Long clientId, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("text", text);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        HttpResponse<String> answer = post(c2d + "/sandbox/control/client-messages", body, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("clientId").asLong();
    }

    private List<JsonNode> sentTo(String c2d, String token, long clientId) throws Exception {
        List<JsonNode> sent = new ArrayList<>();
        JSON.readTree(get(c2d + "/sandbox/control/clients/" + clientId + "/messages?token=" + token, null).body())
                .forEach(m -> {
                    if ("to_client".equals(m.path("type").asText())) {
                        sent.add(m);
                    }
                });
        return sent;
    }

    /** Inbox webhooks the bundle answered 200: each one is a promise that it will be processed. */
    private long acknowledgedInboxes(String c2d, String token) throws Exception {
        List<JsonNode> deliveries = new ArrayList<>();
        JSON.readTree(get(c2d + "/sandbox/control/deliveries?token=" + token, null).body()).forEach(deliveries::add);
        return deliveries.stream().filter(d -> "inbox".equals(d.path("event").asText()) && d.path("status").asInt() == 200)
                .map(d -> d.path("payload").path("message_id").asText()).distinct().count();
    }

    private HttpResponse<String> post(String url, Object body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
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
