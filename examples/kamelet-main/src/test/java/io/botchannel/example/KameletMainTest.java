package io.botchannel.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.KameletMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundle's routes from the library jar on KameletMain, configured as camel run configures it. */
class KameletMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "example-api-key-of-32-characters-at-least";
    private static KameletMain main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = freePort();
        main = BotChannelOnKameletMain.create();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("channel.store.url", "jdbc:sqlite:./target/channels-" + UUID.randomUUID() + ".db");
        main.addOverrideProperty("api.key", KEY);
        main.start();
    }

    @AfterAll
    static void stop() throws Exception {
        main.stop();
    }

    @Test
    void theApplicationsOwnPropertiesWinOverTheLibrarysDefaults() {
        assertThat(main.getCamelContext().getName()).isEqualTo("chat2desk-bot-channel-on-kamelet-main");
        assertThat(main.getCamelContext().resolvePropertyPlaceholders("{{api.key-file}}")).isEqualTo("target/api.key");
        assertThat(main.getCamelContext().resolvePropertyPlaceholders("{{buttons.transport.vk}}"))
                .as("a default of the library, which this application does not set").isEqualTo("keyboard");
    }

    @Test
    void aClientMessageReachesTheDemoAgentAndItsReplyTheClient() {
        long clientId = send("POST", "/sandbox/control/client-messages", "{\"text\":\"hello from camel run\"}", null)
                .path("clientId").asLong();

        await().atMost(Duration.ofSeconds(30)).until(() -> botTexts(clientId).contains("You wrote: hello from camel run"));
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

    private static List<String> botTexts(long clientId) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : send("GET", "/sandbox/control/clients/" + clientId + "/messages", null, null)) {
            if ("to_client".equals(message.path("type").asText())) {
                texts.add(message.path("text").asText());
            }
        }
        return texts;
    }

    private static JsonNode send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
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
