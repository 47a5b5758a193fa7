package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The documented {@code camel run} commands, run as written with the Camel CLI (built from
 * src/test/camel-cli), which downloads what the routes need as it does for its users: the
 * bundle's routes from docs/camel-runtimes.md, and the Kamelets' echo bot from its example's README, each
 * against the Chat2Desk sandbox. Only the ports differ from the documents: the tests take free
 * ones, set where a user sets them (application.properties, the commands' own port options).
 */
class CamelRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "camel-run-test-key-of-32-characters-at-least";
    private static final Path CLI = Path.of("target", "camel-cli").toAbsolutePath();

    /** Under target/, so that the commands' logs are there to read when a test fails. */
    private Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Command> running = new ArrayList<>();

    @BeforeAll
    static void theLibraryAndTheCli() throws Exception {
        MavenBuild.installTheLibrary();
        MavenBuild.run("camel-cli", "-f", Path.of("src/test/camel-cli/pom.xml").toAbsolutePath().toString(),
                "package", "dependency:build-classpath", "-Dmdep.outputFile=" + CLI.resolve("classpath.txt"));
        Path bin = Files.createDirectories(CLI.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(bin.resolve("camel"), "#!/bin/sh\nexec '" + java + "' -Dcamel.cli.home='" + CLI.resolve("home")
                + "' -cp '" + CLI.resolve("camel-cli-4.18.jar") + ":" + Files.readString(CLI.resolve("classpath.txt")).trim()
                + "' io.botchannel.cli.Camel \"$@\"\n");
        assertThat(bin.resolve("camel").toFile().setExecutable(true)).isTrue();
    }

    @BeforeEach
    void folder(TestInfo test) throws IOException {
        tempDir = Path.of("target", "camel-run", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        if (Files.exists(tempDir)) {
            try (Stream<Path> earlier = Files.walk(tempDir)) {
                earlier.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(tempDir);
    }

    @AfterEach
    void stop() {
        running.forEach(Command::close);
    }

    @Test
    void theBundleRunsWithTheDocumentedCommandAndItsEditedApplicationProperties() throws Exception {
        int port = RunningBundle.freePort();
        Path project = Files.createDirectories(tempDir.resolve("project"));
        Path routes = Files.createDirectories(project.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        // the user's edits of the project's application.properties: the ports, a key, quick webhook retries
        String properties = Files.readString(Path.of("application.properties"))
                .replaceFirst("(?m)^camel\\.server\\.port = .*$", "camel.server.port = " + port)
                .replaceFirst("(?m)^camel\\.management\\.port = .*$", "camel.management.port = " + RunningBundle.freePort())
                .replaceFirst("(?m)^api\\.key =.*$", "api.key = " + KEY)
                .replaceFirst("(?m)^sandbox\\.retry-scale = .*$", "sandbox.retry-scale = 0.001");
        assertThat(properties).contains("camel.server.port = " + port, "api.key = " + KEY);
        Files.writeString(project.resolve("application.properties"), properties);
        String command = MarkdownFile.read("docs/camel-runtimes.md").section("camel run (KameletMain)")
                .command("camel run ");

        Command bundle = start("bundle", project, command);

        String base = "http://localhost:" + port;
        await().atMost(Duration.ofMinutes(5)).ignoreExceptions().until(() -> bundle.alive() && demoChannelActive(base));
        long clientId = post(base + "/sandbox/control/client-messages", "{\"text\":\"hello from camel run\"}", null)
                .path("clientId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> sentToClient(base, clientId, null)
                .contains("You wrote: hello from camel run"));
        assertThat(bundle.errors()).as("ERROR lines of " + bundle.log).isEmpty();
        assertThat(StartWork.in(bundle.log)).as("the beans built once, " + bundle.log).isEqualTo(StartWork.ofStarts(1));
    }

    @Test
    void theKameletsEchoBotRunsAsItsReadmeSays() throws Exception {
        MarkdownFile readme = MarkdownFile.read("examples/kamelets-echo-bot/README.md");
        int bundlePort = RunningBundle.freePort();
        int botPort = RunningBundle.freePort();
        String base = "http://localhost:" + bundlePort;
        Path project = Files.createDirectories(tempDir.resolve("project"));
        Files.createDirectories(project.resolve("target"));
        Files.createSymbolicLink(project.resolve("target/chat2desk-bot-channel.jar"),
                Path.of(System.getProperty("bundle.jar", "target/chat2desk-bot-channel.jar")).toAbsolutePath());
        Files.writeString(project.resolve("application.properties"), "camel.server.port = " + bundlePort
                + "\ncamel.management.port = " + RunningBundle.freePort() + "\nsandbox.retry-scale = 0.001\n");
        Command bundle = start("bundle", project, ports(readme.command("java "), bundlePort, botPort));
        await().atMost(Duration.ofMinutes(5)).ignoreExceptions()
                .until(() -> bundle.alive() && get(base + "/sandbox/control/demo").has("transports"));
        String token = "echo-bot-token";
        assertThat(readme.command("curl -s -H 'Content-Type: application/json' -d '{\"token\"")).contains(token);
        post(base + "/sandbox/control/companies", "{\"token\":\"" + token + "\"}", null);

        Path folder = Files.createDirectories(tempDir.resolve("echo-bot"));
        for (String file : List.of("echo-bot.camel.yaml", "application.properties")) {
            Files.copy(readme.path().resolveSibling(file), folder.resolve(file));
        }
        Command bot = start("echo-bot", folder, ports(readme.command("camel run "), bundlePort, botPort));
        String hook = "http://localhost:" + botPort + "/webhooks/chat2desk/echo-bot";
        await().atMost(Duration.ofMinutes(5)).until(() -> bot.alive() && listening(hook));
        post(base + "/sandbox/v1/webhooks", "{\"name\":\"echo-bot\",\"url\":\"" + hook + "\",\"events\":[\"inbox\"]}", token);
        long clientId = post(base + "/sandbox/control/client-messages",
                "{\"token\":\"" + token + "\",\"text\":\"hello\",\"transport\":\"whatsapp\"}", null).path("clientId").asLong();

        await().atMost(Duration.ofSeconds(60)).until(() -> sentToClient(base, clientId, token).contains(
                "You wrote *hello*, see the site (https://x.example)\n\n1. Yes\n2. Site: https://x.example"));
        assertThat(bot.errors()).as("ERROR lines of " + bot.log).isEmpty();
    }

    /** The documented ports (the bundle's 8080, the echo bot's 8090) replaced by the test's. */
    private static String ports(String command, int bundlePort, int botPort) {
        return command.replace("localhost:8080", "localhost:" + bundlePort)
                .replace("localhost:8090", "localhost:" + botPort).replace("--port=8090", "--port=" + botPort);
    }

    private Command start(String name, Path folder, String command) throws IOException {
        Command started = new Command(name, folder, command);
        running.add(started);
        return started;
    }

    private boolean demoChannelActive(String base) throws Exception {
        HttpResponse<String> channels = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/channels"))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        return channels.statusCode() == 200 && JSON.readTree(channels.body()).findValuesAsText("active").contains("true");
    }

    /** Whether the bot's webhook path is served: a request without a signature or body is refused, not unknown. */
    private boolean listening(String url) throws Exception {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() != 404;
        } catch (ConnectException e) {
            return false;
        }
    }

    private List<String> sentToClient(String base, long clientId, String token) throws Exception {
        List<String> texts = new ArrayList<>();
        String query = token == null ? "" : "?token=" + token;
        for (JsonNode message : get(base + "/sandbox/control/clients/" + clientId + "/messages" + query)) {
            if ("to_client".equals(message.path("type").asText())) {
                texts.add(message.path("text").asText());
            }
        }
        return texts;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + " " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private JsonNode post(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + " " + answer.body()).isBetween(200, 201);
        return JSON.readTree(answer.body());
    }

    /** A documented command run by the shell in a folder, with the Camel CLI on the path; its output in a log. */
    private static final class Command implements AutoCloseable {

        private final Path log;
        private final Process process;

        Command(String name, Path folder, String command) throws IOException {
            log = folder.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("PATH", CLI.resolve("bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
            process = builder.start();
        }

        boolean alive() {
            if (!process.isAlive()) {
                throw new AssertionError(log + ": the command exited with " + process.exitValue());
            }
            return true;
        }

        List<String> errors() throws IOException {
            return Files.readAllLines(log).stream().filter(line -> line.matches(".*\\bERROR\\b.*")).toList();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }
}
