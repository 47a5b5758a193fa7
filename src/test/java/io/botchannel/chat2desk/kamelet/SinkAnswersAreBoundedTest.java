package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** chat2desk-sink reads Chat2Desk's answer up to maxAnswerBytes: a larger one fails the exchange, naming the bound. */
class SinkAnswersAreBoundedTest {

    private static HttpServer chat2desk;
    private static volatile String answer;
    private static Main main;

    @BeforeAll
    static void start() throws Exception {
        chat2desk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat2desk.setExecutor(Executors.newCachedThreadPool());
        chat2desk.createContext("/v1/messages", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        chat2desk.start();
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
                              maxAnswerBytes: 1024
                """.formatted(chat2desk.getAddress().getPort()));
        main = new Main();
        main.configure().withRoutesIncludePattern("file:" + route);
        main.addOverrideProperty("camel.component.kamelet.location", "file:kamelets");
        main.start();
    }

    @AfterAll
    static void stop() throws IOException {
        main.stop();
        chat2desk.stop(0);
    }

    private static Exchange send() {
        return main.getCamelContext().createProducerTemplate().send("direct:send", exchange -> {
            exchange.getMessage().setHeaders(Map.of("chat-id", 5, "transport", "telegram"));
            exchange.getMessage().setBody("{\"type\":\"text\",\"text\":\"hello\"}");
        });
    }

    @Test
    void anAnswerWithinTheBoundIsASendAndALargerOneFailsTheExchange() {
        answer = "{\"status\":\"success\",\"data\":{\"message_id\":1}}";
        assertThat(send().getException()).isNull();

        answer = "{\"status\":\"success\",\"data\":{\"message_id\":1,\"padding\":\"" + "x".repeat(4096) + "\"}}";
        Exception failure = send().getException();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof AnswerTooLarge)) {
            cause = cause.getCause();
        }
        assertThat(cause).as(String.valueOf(failure)).isNotNull()
                .hasMessage("the answer has more than 1024 bytes (maxAnswerBytes)");
    }
}
