package io.botchannel.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Pipes of pipes/, run by Camel Main on this module's classpath alone (what a Kamelet user
 * depends on, plus Camel Main as their runtime), with a stand-in for Chat2Desk that records what
 * it is asked.
 */
class PipesTest {

    private static final String TOKEN = "pipes-test-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer chat2desk;
    private static Main main;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        chat2desk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat2desk.createContext("/v1/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query) + (body.isEmpty() ? "" : " " + body));
            byte[] answer = "{\"status\":\"success\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        chat2desk.start();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        // the Pipes as a user fills them in: their token, their API URL (here the stand-in), their store
        Path pipes = Files.createTempDirectory("pipes");
        String apiUrl = "http://127.0.0.1:" + chat2desk.getAddress().getPort() + "/v1";
        try (Stream<Path> files = Files.list(Path.of("pipes"))) {
            for (Path pipe : files.filter(p -> p.toString().endsWith(".pipe.yaml")).toList()) {
                Files.writeString(pipes.resolve(pipe.getFileName()), Files.readString(pipe)
                        .replace("your-chat2desk-api-token", TOKEN)
                        .replace("https://api.chat2desk.com/v1", apiUrl)
                        .replace("jdbc:sqlite:./data/chat2desk-source.db", "jdbc:sqlite:" + pipes.resolve("db")));
            }
        }
        main = new Main();
        main.configure().withRoutesIncludePattern("file:" + pipes + "/*.pipe.yaml");
        // the Kamelets of this folder; their classes come from the library jar
        main.addOverrideProperty("camel.component.kamelet.location", "file:.");
        // the library's defaults turn on the standalone bundle's management port and metrics
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.metrics.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.start();
    }

    @AfterAll
    static void stop() {
        main.stop();
        chat2desk.stop(0);
    }

    @Test
    void theNotifyPipeSendsAReplyToTheClientAsTheBundleWould() throws Exception {
        HttpResponse<String> answer = post("/notify", "{\"type\":\"text\",\"text\":\"Your order is __ready__\"}",
                "chat-id", "5", "transport", "whatsapp");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(CALLS).anySatisfy(call -> assertThat(call).startsWith("POST /v1/messages ")
                .contains("\"client_id\":5", "\"text\":\"Your order is *ready*\"", "\"operator_id\":41164"));
    }

    @Test
    void theHandOverPipeGivesEachClientsChatToTheSupportGroup() throws Exception {
        String event = "{\"hook_type\":\"inbox\",\"message_id\":9001,\"client_id\":6,\"text\":\"help\","
                + "\"transport\":\"telegram\"}";
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = WebhookSignature.sign(WebhookSignature.keyFor(TOKEN), event.getBytes(StandardCharsets.UTF_8),
                timestamp);

        HttpResponse<String> answer = post("/chat2desk/events", event,
                "X-Signature", signature, "X-Timestamp", timestamp);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> CALLS.contains("GET /v1/messages/9001/transfer_to_group?group_id=7"));
    }

    @Test
    void theClasspathHoldsNoneOfWhatOnlyTheStandaloneBundleNeeds() {
        for (String absent : List.of("org.flywaydb.core.Flyway", "org.apache.camel.component.rest.RestComponent",
                "org.apache.camel.openapi.RestOpenApiSupport", "io.micrometer.core.instrument.MeterRegistry",
                "org.apache.camel.component.seda.SedaComponent")) {
            assertThatThrownBy(() -> Class.forName(absent)).as(absent).isInstanceOf(ClassNotFoundException.class);
        }
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
