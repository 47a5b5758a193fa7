package io.botchannel.chat2desk;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An Agent for tests, on 127.0.0.1: it records every request of the Agent API and answers what
 * the test tells it (trained or not, replies, or nothing until released).
 */
public final class TestAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile String statusBody = "{\"trained\":true}";
    private volatile int statusCode = 200;
    private volatile String replies = "{\"replies\":[{\"type\":\"text\",\"text\":\"Agent says hi\"}]}";
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile String holdPrefix = "";
    private final AtomicInteger held = new AtomicInteger();
    private volatile int messageStatus = 200;
    private volatile boolean echo;
    private volatile long answerDelayMillis;
    private volatile int echoRequestStatus;
    private final Map<String, String> answersByPrefix = new ConcurrentHashMap<>();

    public TestAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/agent/status", exchange -> answer(exchange, statusCode, statusBody));
        server.createContext("/agent/messages", this::message);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/agent";
    }

    public TestAgent untrained() {
        statusBody = "{\"trained\":false}";
        return this;
    }

    public TestAgent status(int code, String body) {
        statusCode = code;
        statusBody = body;
        return this;
    }

    public TestAgent replies(String json) {
        replies = json;
        return this;
    }

    /** Messages are answered only after {@link #release()}. */
    public TestAgent holdAnswers() {
        return holdAnswersTo("");
    }

    /** Messages whose text starts with the prefix are answered only after {@link #release()}. */
    public TestAgent holdAnswersTo(String prefix) {
        holdPrefix = prefix;
        hold = new CountDownLatch(1);
        return this;
    }

    /** Messages are answered with this HTTP status (503: the Agent is down) and no replies. */
    public TestAgent answerMessagesWith(int status) {
        messageStatus = status;
        return this;
    }

    /**
     * Each message is answered with one text reply, {@code "re: "} and its text, after the delay:
     * an Agent that takes a while, whose replies show which message they answer.
     */
    public TestAgent echoAfter(Duration delay) {
        answerDelayMillis = delay.toMillis();
        echo = true;
        return this;
    }

    /**
     * Messages are refused with this status and the request itself as the answer, as an Agent does
     * whose validation errors quote their input: the request carries the token where the channel
     * shares it.
     */
    public TestAgent refuseQuotingTheRequest(int status) {
        echoRequestStatus = status;
        return this;
    }

    /** Back to answering messages with the replies. */
    public TestAgent answerAgain() {
        echoRequestStatus = 0;
        messageStatus = 200;
        return this;
    }

    /** Messages whose text starts with the prefix are answered with this body (null: as the others). */
    public TestAgent answerTo(String textPrefix, String answer) {
        if (answer == null) {
            answersByPrefix.remove(textPrefix);
        } else {
            answersByPrefix.put(textPrefix, answer);
        }
        return this;
    }

    public void release() {
        hold.countDown();
    }

    /** Calls held unanswered right now (see {@link #holdAnswersTo}): calls surely in flight. */
    public int held() {
        return held.get();
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void message(HttpExchange exchange) throws IOException {
        byte[] received = exchange.getRequestBody().readAllBytes();
        JsonNode request = JSON.readTree(received);
        requests.add(request);
        if (echoRequestStatus != 0) {
            answer(exchange, echoRequestStatus, "{\"detail\":\"invalid request\",\"input\":"
                    + new String(received, StandardCharsets.UTF_8) + "}");
            return;
        }
        for (Map.Entry<String, String> special : answersByPrefix.entrySet()) {
            if (request.path("text").asText().startsWith(special.getKey())) {
                answer(exchange, 200, special.getValue());
                return;
            }
        }
        if (request.path("text").asText().startsWith(holdPrefix) && hold.getCount() > 0) {
            held.incrementAndGet();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        if (answerDelayMillis > 0) {
            try {
                Thread.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = messageStatus;
        String answer = echo ? JSON.writeValueAsString(Map.of("replies", List.of(Map.of("type", "text",
                "text", "re: " + request.path("text").asText())))) : replies;
        answer(exchange, status, status == 200 ? answer : "{\"error\":\"agent down\"}");
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
