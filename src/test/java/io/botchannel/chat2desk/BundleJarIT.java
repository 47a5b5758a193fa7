package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as a newcomer starts it: {@code java -jar chat2desk-bot-channel.jar}
 * on its embedded defaults (SQLite, the demo Agent, the sandbox and its ready demo channel).
 */
class BundleJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "jar-test-key-of-32-characters-at-least";

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void onItsDefaultsTheDemoChannelAnswersAClientAndSurvivesARestart() throws Exception {
        int port = RunningBundle.freePort();
        Process bundle = start(port);
        JsonNode demo = awaitActiveDemoChannel(port);

        JsonNode sent = post(port, "/sandbox/control/client-messages", "{\"text\":\"hello bot\"}");
        long clientId = sent.path("clientId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(port, clientId).contains("You wrote: hello bot"));

        post(port, "/sandbox/control/client-messages", "{\"text\":\"help\",\"clientId\":" + clientId + "}");
        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(port, clientId).stream()
                .anyMatch(text -> text.contains("demo Agent")));

        bundle.destroy();
        assertThat(bundle.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(Files.exists(workDir.resolve("data/channels.db"))).as("SQLite file store").isTrue();

        start(port);
        JsonNode again = awaitActiveDemoChannel(port);
        assertThat(again.path("id").asText()).as("the same channel, from the store").isEqualTo(demo.path("id").asText());
        JsonNode second = post(port, "/sandbox/control/client-messages", "{\"text\":\"after restart\"}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> botTexts(port, second.path("clientId").asLong()).contains("You wrote: after restart"));
    }

    @Test
    void aTakenPortStopsStartupWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            Process bundle = start(port);

            assertThat(bundle.waitFor(60, TimeUnit.SECONDS)).as("exits instead of running deaf").isTrue();
            assertThat(bundle.exitValue()).isNotZero();
            assertThat(Files.readString(workDir.resolve("bundle.log"))).contains("Port " + port + " is already in use");
        }
    }

    @Test
    void configurationKeysCanBeOverriddenOnTheCommandLine() throws Exception {
        int port = RunningBundle.freePort();
        Path store = workDir.resolve("elsewhere/store");
        start(port, "-Dchannel.public-url=http://127.0.0.1:" + port, "-Dchannel.store.url=jdbc:sqlite:" + store + ".db");

        JsonNode demo = awaitActiveDemoChannel(port);

        assertThat(demo.path("webhookUrl").asText()).startsWith("http://127.0.0.1:" + port + "/webhooks/chat2desk/");
        assertThat(Files.exists(Path.of(store + ".db"))).isTrue();
    }

    @Test
    void theApplicationPropertiesOfItsFolderWinOverTheDefaultsInsideTheJar() throws Exception {
        int port = RunningBundle.freePort();
        int managementPort = RunningBundle.freePort();
        Files.writeString(workDir.resolve("application.properties"), String.join("\n",
                "# a user's own settings, in the folder the jar runs in",
                "camel.server.port = " + port,
                "camel.management.port = " + managementPort,
                "api.key = " + KEY,
                "buttons.transport.vk = inline",
                "sandbox.retry-scale = 0.001", ""));
        launch(List.of());

        awaitActiveDemoChannel(port);
        long clientId = post(port, "/sandbox/control/client-messages", "{\"text\":\"menu\",\"transport\":\"vk\"}")
                .path("clientId").asLong();

        JsonNode menu = await().atMost(Duration.ofSeconds(30)).until(() -> botMessages(port, clientId).stream()
                .filter(message -> message.path("inline_buttons").size() > 0 || message.path("keyboard").size() > 0)
                .findFirst().orElse(null), reply -> reply != null);
        assertThat(menu.path("inline_buttons").findValuesAsText("text")).as("vk set to inline buttons: " + menu)
                .contains("Send a file");
        assertThat(menu.path("keyboard").isNull() || menu.path("keyboard").isEmpty()).as(menu.toString()).isTrue();
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).as("health on the file's management port").isEqualTo(200);
    }

    private Process start(int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("-Dcamel.server.port=" + port,
                "-Dcamel.management.port=" + RunningBundle.freePort(), "-Dapi.key=" + KEY, "-Dsandbox.retry-scale=0.001"));
        command.addAll(List.of(options));
        return launch(command);
    }

    /** {@code java [options] -jar chat2desk-bot-channel.jar} in the test's folder. */
    private Process launch(List<String> options) throws IOException {
        String jar = System.getProperty("bundle.jar", "target/chat2desk-bot-channel.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + workDir, "-Dvertx.cacheDirBase=" + workDir.resolve("vertx")));
        command.addAll(options);
        command.addAll(List.of("-jar", new File(jar).getAbsolutePath()));
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("bundle.log").toFile()))
                .start();
        processes.add(process);
        return process;
    }

    /** The demo channel once it is active and its webhook is registered in this run's sandbox. */
    private JsonNode awaitActiveDemoChannel(int port) {
        JsonNode[] demo = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            for (JsonNode channel : get(port, "/api/v1/channels")) {
                if ("Demo channel".equals(channel.path("name").asText()) && channel.path("active").asBoolean()) {
                    demo[0] = channel;
                }
            }
            return demo[0] != null && get(port, "/sandbox/v1/webhooks", "sandbox-demo-token").path("data")
                    .findValuesAsText("url").contains(demo[0].path("webhookUrl").asText());
        });
        return demo[0];
    }

    private List<String> botTexts(int port, long clientId) throws Exception {
        return botMessages(port, clientId).stream().map(message -> message.path("text").asText()).toList();
    }

    private List<JsonNode> botMessages(int port, long clientId) throws Exception {
        List<JsonNode> sent = new ArrayList<>();
        for (JsonNode message : get(port, "/sandbox/control/clients/" + clientId + "/messages")) {
            if ("to_client".equals(message.path("type").asText())) {
                sent.add(message);
            }
        }
        return sent;
    }

    private JsonNode get(int port, String path) throws Exception {
        return get(port, path, "Bearer " + KEY);
    }

    private JsonNode get(int port, String path, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
