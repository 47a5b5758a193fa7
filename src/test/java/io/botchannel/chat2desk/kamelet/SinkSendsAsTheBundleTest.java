package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * chat2desk-sink on a plain Camel Main, with none of the bundle's routes or beans: it sends
 * through the bundle's reply routes taken from the library, with the bundle's tables unless the
 * runtime sets its own, and a changeChatMode reply hands the chat to the fallback group as the
 * bundle does.
 */
class SinkSendsAsTheBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer chat2desk;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private Main main;

    @BeforeEach
    void chat2desk() throws IOException {
        chat2desk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat2desk.createContext("/v1/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (query == null ? "" : "?" + query));
            if (exchange.getRequestURI().getPath().equals("/v1/messages")) {
                posted.add(JSON.readTree(request));
            }
            byte[] body = "{\"status\":\"success\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        chat2desk.start();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        chat2desk.stop(0);
    }

    private void start(Map<String, String> properties) throws Exception {
        Path route = Files.createTempDirectory("k-sink").resolve("send.camel.yaml");
        Files.writeString(route, """
                - route:
                    id: send-through-the-sink
                    from:
                      uri: direct:send
                      steps:
                        - to:
                            uri: "kamelet:chat2desk-sink"
                            parameters:
                              apiUrl: "http://127.0.0.1:%d/v1"
                              token: sink-test-token
                              operatorId: 41164
                              fallbackGroupId: "{{?test.fallback-group}}"
                """.formatted(chat2desk.getAddress().getPort()));
        main = new Main();
        main.configure().withRoutesIncludePattern("file:" + route);
        main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        properties.forEach(main::addOverrideProperty);
        main.start();
    }

    private Exception send(String transport, String body) {
        Exchange sent = main.getCamelContext().createProducerTemplate().send("direct:send", exchange -> {
            exchange.getMessage().setHeaders(Map.of("chat-id", 5, "transport", transport, "message-id", 77));
            exchange.getMessage().setBody(body);
        });
        return sent.getException();
    }

    @Test
    void theTablesAreTheBundlesUnlessTheRuntimeSetsItsOwn() throws Exception {
        String reply = "{\"type\":\"text\",\"text\":\"__Hi__\",\"buttons\":[{\"text\":\"Yes\"}]}";
        start(Map.of());
        assertThat(send("whatsapp", reply)).isNull();
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).path("text").asText()).isEqualTo("*Hi*\n\n1. Yes");
        assertThat(posted.get(0).path("operator_id").asLong()).isEqualTo(41164);
        assertThat(main.getCamelContext().getRoute(ReplyRoutes.SEND_REPLY)).as("the bundle's reply route").isNotNull();
        main.stop();
        posted.clear();

        start(Map.of("markup.transport.whatsapp", "plain", "buttons.transport.whatsapp", "keyboard"));
        assertThat(send("whatsapp", reply)).isNull();
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).path("text").asText()).isEqualTo("Hi");
        assertThat(posted.get(0).path("keyboard").isMissingNode()).as(posted.get(0).toString()).isFalse();
    }

    @Test
    void changeChatModeHandsTheChatToTheFallbackGroupAsTheBundleDoes() throws Exception {
        start(Map.of("test.fallback-group", "7"));
        String replies = "{\"replies\":[{\"type\":\"text\",\"text\":\"One moment\"},{\"type\":\"changeChatMode\"}]}";
        assertThat(send("telegram", replies)).isNull();
        assertThat(calls).containsExactly("POST /v1/messages", "GET /v1/messages/77/transfer_to_group?group_id=7");
    }

    @Test
    void changeChatModeWithoutAFallbackGroupSendsNothing() throws Exception {
        start(Map.of());
        assertThat(send("telegram", "{\"type\":\"changeChatMode\"}")).isNull();
        assertThat(calls).isEmpty();
    }
}
