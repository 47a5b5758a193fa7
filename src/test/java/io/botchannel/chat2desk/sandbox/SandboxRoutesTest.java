package io.botchannel.chat2desk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** routes/chat2desk-sandbox.camel.yaml serves the sandbox over real HTTP with Camel Main and platform-http. */
class SandboxRoutesTest {

    private static final String TOKEN = "route-test-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Main main;
    private static Chat2DeskSandbox sandbox;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        sandbox = new Chat2DeskSandbox(TOKEN, "X-Signature", "X-Timestamp", 0.001);
        main = new Main();
        main.configure().withRoutesIncludePattern(
                "file:routes/chat2desk-sandbox.camel.yaml,file:routes/page-headers.camel.yaml");
        main.bind("chat2deskSandbox", sandbox);
        // Override properties beat application.properties, which the classpath also holds
        main.addOverrideProperty("sandbox.enabled", "true");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.start();
    }

    @AfterAll
    static void stop() {
        main.stop();
        sandbox.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersJsonAndEchoesNoRequestHeaders() throws Exception {
        HttpResponse<String> answer = send("GET", "/sandbox/v1/companies/api_info", TOKEN, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(answer.headers().firstValue("Authorization")).isEmpty();
        assertThat(answer.body()).contains("\"company_name\":\"Sandbox company\"");
    }

    @Test
    void aWrongTokenIs401AndAnUnknownPath404() throws Exception {
        HttpResponse<String> wrong = send("GET", "/sandbox/v1/operators?email=bot@sandbox.local", "nope", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Token is not correct\"}");
        HttpResponse<String> unknown = send("GET", "/sandbox/v1/nothing", TOKEN, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Page not found\"}");
    }

    @Test
    void aClientMessageAndAnApiReplyMakeAConversation() throws Exception {
        HttpResponse<String> written = send("POST", "/sandbox/control/client-messages", null,
                "{\"token\":\"" + TOKEN + "\",\"text\":\"hello\"}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        long clientId = SandboxClient.JSON.readTree(written.body()).path("clientId").asLong();

        HttpResponse<String> sent = send("POST", "/sandbox/v1/messages", TOKEN,
                "{\"client_id\":" + clientId + ",\"text\":\"Здравствуйте!\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        HttpResponse<String> conversation = send("GET", "/sandbox/control/clients/" + clientId + "/messages?token=" + TOKEN, null, null);
        assertThat(conversation.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.JSON.readTree(conversation.body())).extracting(m -> m.path("text").asText())
                .containsExactly("hello", "Здравствуйте!");
    }

    @Test
    void aRateLimitFaultComesWithRetryAfter() throws Exception {
        send("POST", "/sandbox/control/faults", null,
                "{\"token\":\"" + TOKEN + "\",\"status\":429,\"count\":1,\"pathContains\":\"/operators_groups\",\"retryAfterSeconds\":2}");
        HttpResponse<String> limited = send("GET", "/sandbox/v1/operators_groups", TOKEN, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(send("GET", "/sandbox/v1/operators_groups", TOKEN, null).headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void badControlInputIsA400WithJson() throws Exception {
        HttpResponse<String> answer = send("POST", "/sandbox/control/client-messages", null, "{broken");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).startsWith("{\"error\":");
    }

    @Test
    void thePageIsServedWithAndWithoutTheTrailingSlash() throws Exception {
        for (String path : new String[] {"/sandbox", "/sandbox/"}) {
            HttpResponse<String> page = send("GET", path, null, null);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("<title>Chat2Desk sandbox</title>");
        }
    }

    @Test
    void thePageAndItsFilesComeWithTheConsolesSecurityHeaders() throws Exception {
        for (String path : new String[] {"/sandbox", "/sandbox/", "/sandbox/page/sandbox.js",
                "/sandbox/page/sandbox.css"}) {
            HttpResponse<String> file = send("GET", path, null, null);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            // its own files only, in no frame: another site can neither inject script nor show it under its own
            assertThat(file.headers().firstValue("Content-Security-Policy")).as(path).hasValue("default-src 'self';"
                    + " img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(file.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
        assertThat(send("GET", "/sandbox/page/sandbox.js", null, null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(send("GET", "/sandbox/page/index.html", null, null).statusCode()).isEqualTo(404);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
