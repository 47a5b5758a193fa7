package io.botchannel.chat2desk;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The bundle started in-process the way users start it (Application, the routes/ files of the
 * project, application.properties), on a free port, with its own store, talked to over real HTTP.
 */
public final class RunningBundle implements AutoCloseable {

    public static final String API_KEY = "test-api-key-of-32-characters-at-least";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: status and body, the body also as JSON where it is JSON. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final Main main;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningBundle(Main main, int port, int managementPort) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a bundle with the sandbox on, a fresh store file and the given overrides. */
    public static RunningBundle start(Map<String, String> overrides) {
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.server.port", String.valueOf(port));
        properties.put("camel.management.port", String.valueOf(freePort()));
        properties.put("channel.store.url", "jdbc:sqlite:" + TestDatabase.sqliteFile());
        properties.put("api.key", API_KEY);
        properties.put("sandbox.retry-scale", "0.001");
        properties.put("channel.check-timeout-ms", "2000");
        properties.putAll(overrides);
        Main main = Application.create();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("bundle did not start", e);
        }
        RunningBundle bundle = new RunningBundle(main, Integer.parseInt(properties.get("camel.server.port")),
                Integer.parseInt(properties.get("camel.management.port")));
        if (!"false".equals(properties.get("sandbox.enabled")) && API_KEY.equals(properties.get("api.key"))) {
            bundle.awaitDemoChannel();
        }
        return bundle;
    }

    /**
     * The demo channel is made by a timer just after startup: a test counting channels starts once it
     * is there and its checks have run, whatever their outcome. The limit only guards against a hang.
     */
    private void awaitDemoChannel() {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> {
            Answer channels = api("GET", "/api/v1/channels", null);
            if (channels.status() != 200) {
                return false;
            }
            for (JsonNode channel : channels.json()) {
                if ("Demo channel".equals(channel.path("name").asText())
                        && (channel.path("active").asBoolean() || channel.path("checks").size() > 0)) {
                    return true;
                }
            }
            return false;
        });
    }

    public static RunningBundle start() {
        return start(Map.of());
    }

    /** Starts a bundle as {@link #start(Map)} does, keeping its channels in the given database. */
    public static RunningBundle start(TestDatabase database, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(database.properties());
        properties.putAll(overrides);
        return start(properties);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** An address on the management port: health and metrics. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    /** A management API call with the bearer key. */
    public Answer api(String method, String path, Object body) {
        return send(method, path, body, Map.of("Authorization", "Bearer " + API_KEY));
    }

    public Answer send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        String text = body == null ? null : body instanceof String s ? s : write(body);
        if (text != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
