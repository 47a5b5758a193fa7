package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Agent that takes its time costs the bundle no thread per message: the packaged jar, on its
 * defaults, has hundreds of Agent calls open at once, and its number of threads is the same with
 * 100 calls waiting as with 500. Counted from the process's own thread count, not timed.
 */
class AgentCallsInFlightIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "in-flight-test-key-of-32-characters-at-least";

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hundredsOfAgentCallsWaitAtOnceAndTheThreadsStayAsMany() throws Exception {
        int port = RunningBundle.freePort();
        try (TestAgent agent = new TestAgent();
             BundleProcess bundle = new BundleProcess(tempDir, port, "-Dapi.key=" + KEY,
                     // the Agent holds its answers for as long as the test needs: no call times out meanwhile
                     "-Dchat2desk.rate-per-second=1000", "-Dagent.timeout-ms=900000").start()) {
            String base = "http://127.0.0.1:" + port;
            String token = "in-flight-" + System.nanoTime();
            bundle.awaitReady("the bundle",
                    () -> post(base + "/sandbox/control/companies", Map.of("token", token), null).statusCode() == 201);
            JsonNode channel = JSON.readTree(post(base + "/api/v1/channels?activate=true",
                    Map.of("apiUrl", base + "/sandbox/v1", "token", token, "agentUrl", agent.url()), "Bearer " + KEY).body());
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
            // the pools start their threads as work comes: 200 messages answered at once first
            List<Long> clients = new ArrayList<>(writeFromNewClients(base, token, 200));
            for (long client : clients) {
                await().atMost(Duration.ofSeconds(120)).until(() -> sentTo(base, token, client) == 1);
            }
            agent.holdAnswers();

            clients.addAll(writeFromNewClients(base, token, 100));
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.requests().size() == 300);
            long threadsAt100 = threads(bundle);
            Map<String, Long> poolsAt100 = pools(bundle);

            clients.addAll(writeFromNewClients(base, token, 400));
            // all 500 calls are open at the Agent at once: none waits for a thread to make it
            await().atMost(Duration.ofSeconds(120)).until(() -> agent.requests().size() == 700);
            long threadsAt500 = threads(bundle);

            assertThat(threadsAt500 - threadsAt100)
                    .as("threads with 500 Agent calls waiting (%d) against 100 (%d); by pool: %s, then %s",
                            threadsAt500, threadsAt100, poolsAt100, pools(bundle))
                    .isLessThan(10);

            agent.release();
            for (long client : clients) {
                await().atMost(Duration.ofSeconds(120)).until(() -> sentTo(base, token, client) == 1);
            }
            assertThat(agent.requests()).hasSize(700);
        }
    }

    private List<Long> writeFromNewClients(String base, String token, int clients) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("text", "hello " + i);
            HttpResponse<String> answer = post(base + "/sandbox/control/client-messages", body, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            ids.add(JSON.readTree(answer.body()).path("clientId").asLong());
        }
        return ids;
    }

    /** The messages the bot sent to the client, as the sandbox saw them. */
    private long sentTo(String base, String token, long clientId) throws Exception {
        JsonNode messages = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
                base + "/sandbox/control/clients/" + clientId + "/messages?token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long sent = 0;
        for (JsonNode message : messages) {
            if ("to_client".equals(message.path("type").asText())) {
                sent++;
            }
        }
        return sent;
    }

    /** The process's threads, as the kernel counts them. */
    private static long threads(BundleProcess bundle) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + bundle.process().pid() + "/status")).stream()
                .filter(line -> line.startsWith("Threads:"))
                .mapToLong(line -> Long.parseLong(line.substring("Threads:".length()).trim()))
                .findFirst().orElseThrow();
    }

    /** The process's threads by name, numbers left out: which pools hold them. */
    private static Map<String, Long> pools(BundleProcess bundle) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(bundle.process().pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        Map<String, Long> pools = new TreeMap<>();
        dump.lines().filter(line -> line.startsWith("\""))
                .map(line -> line.substring(1, line.indexOf('"', 1)).replaceAll("[0-9]+", "#"))
                .forEach(name -> pools.merge(name, 1L, Long::sum));
        return pools;
    }

    private HttpResponse<String> post(String url, Object body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
