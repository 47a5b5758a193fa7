package io.botchannel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The application started as its users start it, driven over HTTP: the sandbox, the API, the actuator. */
class BotChannelApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "example-api-key-of-32-characters-at-least";
    private static final Path LOG = Path.of("target", "application-" + UUID.randomUUID() + ".log");
    private static ConfigurableApplicationContext application;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        port = freePort();
        application = SpringApplication.run(BotChannelApplication.class, "--server.port=" + port,
                "--channel.store.url=jdbc:sqlite:./target/channels-" + UUID.randomUUID() + ".db",
                "--api.key=" + KEY, "--api.key-file=target/api.key", "--logging.file.name=" + LOG);
        // Tomcat answers before Camel's routes are there: ready is when the actuator says so
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/actuator/health/readiness") == 200);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    @Test
    void aClientMessageReachesTheDemoAgentAndItsReplyTheClient() {
        long clientId = send("POST", "/sandbox/control/client-messages", "{\"text\":\"hello from spring boot\"}", null)
                .path("clientId").asLong();

        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(clientId).contains("You wrote: hello from spring boot"));
    }

    @Test
    void eachMessengerShowsButtonsTheWayTheBundlesTableSays() {
        long clientId = send("POST", "/sandbox/control/client-messages", "{\"text\":\"menu\",\"transport\":\"telegram\"}",
                null).path("clientId").asLong();

        // buttons.transport.telegram = inline, from the library's defaults
        await().atMost(Duration.ofSeconds(30)).until(() -> botMessages(clientId).stream()
                .anyMatch(message -> message.path("inline_buttons").isArray()));
    }

    @Test
    void aChannelIsCreatedAndActivatedThroughTheManagementApi() {
        String token = "tok-" + UUID.randomUUID();
        send("POST", "/sandbox/control/companies", "{\"token\":\"" + token + "\"}", null);

        JsonNode channel = send("POST", "/api/v1/channels?activate=true", "{\"name\":\"Support bot\",\"apiUrl\":\""
                + url("/sandbox/v1") + "\",\"token\":\"" + token + "\"}", "Bearer " + KEY);

        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        assertThat(channel.path("checks").findValuesAsText("check")).containsExactly("agent-trained", "token-unique",
                "address-accessible", "webhook-registered");
    }

    @Test
    void healthAndTheBundlesCountersAreTheActuators() {
        JsonNode health = send("GET", "/actuator/health", null, null);
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.toString()).contains("store").contains("routes");

        long clientId = send("POST", "/sandbox/control/client-messages", "{\"text\":\"count me\"}", null)
                .path("clientId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(clientId).contains("You wrote: count me"));
        await().atMost(Duration.ofSeconds(10)).until(() -> text("/actuator/prometheus").contains("chat2desk_messages_sent_total"));
    }

    @Test
    void theSandboxPageIsAtTheAddressTheSummaryGives() throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(LOG).contains(" is ready"));
        String log = Files.readString(LOG);
        String summary = log.substring(log.indexOf(" is ready"));

        assertThat(summary).contains("sandbox page  http://localhost:" + port + "/sandbox/");
        assertThat(summary).as("Camel's management server does not run on Spring Boot").doesNotContain("health ");
        HttpResponse<String> page = exchange("GET", "/sandbox/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    @Test
    void anUnknownAddressAnswersJson() {
        HttpResponse<String> answer = exchange("GET", "/api/v1/nothing", null, "Bearer " + KEY);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"error\"");
    }

    private static List<String> botTexts(long clientId) {
        return botMessages(clientId).stream().map(message -> message.path("text").asText()).toList();
    }

    private static List<JsonNode> botMessages(long clientId) {
        List<JsonNode> messages = new ArrayList<>();
        for (JsonNode message : send("GET", "/sandbox/control/clients/" + clientId + "/messages", null, null)) {
            if ("to_client".equals(message.path("type").asText())) {
                messages.add(message);
            }
        }
        return messages;
    }

    private static JsonNode send(String method, String path, String body, String authorization) {
        HttpResponse<String> response = exchange(method, path, body, authorization);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": not JSON: " + response.body(), e);
        }
    }

    private static String text(String path) {
        return exchange("GET", path, null, null).body();
    }

    private static int status(String path) {
        try {
            return exchange("GET", path, null, null).statusCode();
        } catch (AssertionError e) {
            return -1;
        }
    }

    private static HttpResponse<String> exchange(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
