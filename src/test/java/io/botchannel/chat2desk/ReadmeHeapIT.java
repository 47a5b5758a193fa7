package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar with the JVM options of the README's run command (-Xmx160m, the serial collector)
 * against an Agent that answers 40 MB. On the defaults the answer is read up to agent.max-answer-bytes
 * and becomes a dead letter; with the bound raised past the heap, the answer is read whole and the
 * JSON limits of its reading make it a dead letter, while the process goes on serving.
 */
class ReadmeHeapIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "readme-heap-it-key-0123456789abcdef";
    private static final String HUGE = "{\"replies\":[{\"type\":\"text\",\"text\":\"" + "x".repeat(40 * 1024 * 1024)
            + "\"}]}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path workDir;

    @BeforeAll
    static void workDir() throws Exception {
        workDir = Files.createDirectories(Path.of("target", "readme-heap-it", UUID.randomUUID().toString())
                .toAbsolutePath());
    }

    @Test
    void aFortyMegabyteAnswerIsADeadLetterAndTheBundleGoesOn() throws Exception {
        try (TestAgent agent = new TestAgent().answerTo("huge", HUGE);
             BundleProcess bundle = start("defaults")) {
            String base = "http://127.0.0.1:" + bundle.port();
            String token = "heap-" + UUID.randomUUID();
            String id = channel(base, token, agent).path("id").asText();

            long flooded = clientWrites(base, token, null, "huge answer, please");
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(base, id).size() == 1);
            long quiet = clientWrites(base, token, null, "hello");

            assertThat(deadLetters(base, id).get(0).path("reason").asText()).isEqualTo(
                    "POST /agent/messages failed: the answer has more than 1048576 bytes (agent.max-answer-bytes)");
            await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(base, token, quiet).size() == 1);
            assertThat(sentTo(base, token, flooded)).isEmpty();
            assertThat(bundle.process().isAlive()).isTrue();
            assertThat(Files.readString(bundle.log())).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void anAnswerBoundSetPastTheHeapStillEndsInADeadLetterAndTheBundleGoesOnServing() throws Exception {
        // the bound no longer guards the heap here: the answer is gathered whole (Vert.x's buffer),
        // and the JSON limits of its reading refuse it, with no Error anywhere
        try (TestAgent agent = new TestAgent().answerTo("huge", HUGE);
             BundleProcess bundle = start("bound-past-the-heap", "-Dagent.max-answer-bytes=200000000")) {
            String base = "http://127.0.0.1:" + bundle.port();
            String token = "heap-" + UUID.randomUUID();
            String id = channel(base, token, agent).path("id").asText();

            long flooded = clientWrites(base, token, null, "huge answer, please");
            await().atMost(Duration.ofSeconds(120)).until(() -> deadLetters(base, id).size() == 1);
            long quiet = clientWrites(base, token, null, "hello");
            await().atMost(Duration.ofSeconds(60)).until(() -> sentTo(base, token, quiet).size() == 1);

            assertThat(deadLetters(base, id).get(0).path("reason").asText())
                    .startsWith("the Agent's answer cannot be read: beyond the JSON limits");
            assertThat(sentTo(base, token, flooded)).isEmpty();
            assertThat(calls(agent, "huge")).hasSize(1);
            assertThat(Files.readString(bundle.log())).doesNotContain("OutOfMemoryError").doesNotContain("Exception in thread");
            assertThat(bundle.process().isAlive()).isTrue();
        }
    }

    private static BundleProcess start(String name, String... options) throws Exception {
        List<String> all = new ArrayList<>(readmeJvmOptions());
        all.addAll(List.of("-Dapi.key=" + KEY,
                "-Dsandbox.retry-scale=0.01", "-Ddispatch.poll-ms=200", "-Ddispatch.retry-initial-ms=500",
                "-Ddispatch.retry-max-ms=2000"));
        all.addAll(List.of(options));
        BundleProcess bundle = new BundleProcess(workDir.resolve(name), RunningBundle.freePort(),
                all.toArray(String[]::new)).start();
        String base = "http://127.0.0.1:" + bundle.port();
        bundle.awaitReady(name, () -> send("GET", base + "/api/v1/channels", null, true).statusCode() == 200);
        return bundle;
    }

    /** The options between {@code java} and {@code -jar} in the README's command that runs the bundle. */
    private static List<String> readmeJvmOptions() {
        String run = MarkdownFile.read("README.md").section("Two commands").command("mvn -q package");
        String options = run.substring(run.indexOf("&& java ") + "&& java ".length(), run.indexOf(" -jar "));
        assertThat(options).as(run).startsWith("-Xmx");
        return List.of(options.split(" +"));
    }

    private static JsonNode channel(String base, String token, TestAgent agent) throws Exception {
        assertThat(send("POST", base + "/sandbox/control/companies", Map.of("token", token), false).statusCode())
                .isEqualTo(201);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("apiUrl", base + "/sandbox/v1");
        input.put("token", token);
        input.put("agentUrl", agent.url());
        HttpResponse<String> created = send("POST", base + "/api/v1/channels?activate=true", input, true);
        JsonNode channel = JSON.readTree(created.body());
        assertThat(channel.path("active").asBoolean()).as(created.body()).isTrue();
        return channel;
    }

    private static long clientWrites(String base, String token, Long clientId, String text) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("text", text);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        HttpResponse<String> answer = send("POST", base + "/sandbox/control/client-messages", body, false);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("clientId").asLong();
    }

    private static List<JsonNode> calls(TestAgent agent, String textPrefix) {
        return agent.requests().stream().filter(r -> r.path("text").asText().startsWith(textPrefix)).toList();
    }

    private static List<JsonNode> sentTo(String base, String token, long clientId) throws Exception {
        JsonNode messages = JSON.readTree(send("GET", base + "/sandbox/control/clients/" + clientId + "/messages?token="
                + token, null, false).body());
        List<JsonNode> sent = new ArrayList<>();
        messages.forEach(m -> {
            if ("to_client".equals(m.path("type").asText())) {
                sent.add(m);
            }
        });
        return sent;
    }

    private static List<JsonNode> deadLetters(String base, String channelId) throws Exception {
        List<JsonNode> dead = new ArrayList<>();
        JSON.readTree(send("GET", base + "/api/v1/channels/" + channelId + "/dead-letters", null, true).body())
                .forEach(dead::add);
        return dead;
    }

    private static HttpResponse<String> send(String method, String url, Object body, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (withKey) {
            request.header("Authorization", "Bearer " + KEY);
        }
        String text = body == null ? null : JSON.writeValueAsString(body);
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
