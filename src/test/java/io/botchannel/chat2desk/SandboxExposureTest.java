package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox lets whoever reaches it act as Chat2Desk and as any client. It must not turn the
 * bundle into a relay: it answers only the addresses allowed (this machine by default), and its
 * webhooks may point only at the bundle's own webhook path.
 */
class SandboxExposureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Another loopback address stands for "another host": no traffic leaves the machine. */
    private static final String OTHER_HOST = "127.0.0.2";
    private static RunningBundle bundle;
    private static RunningBundle restricted;

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start();
        // This bundle lets only 127.0.0.2 in, so that requests from 127.0.0.1 play those of another host
        // and its sandbox delivers to one more bundle, as it would for instances behind a balancer
        restricted = RunningBundle.start(Map.of("sandbox.allow-from", OTHER_HOST,
                "sandbox.webhook-base-urls", "http://localhost:{{camel.server.port}}, http://127.0.0.3:9/"));
    }

    @AfterAll
    static void stop() {
        bundle.close();
        restricted.close();
    }

    @Test
    void theSandboxAndTheDemoAgentRefuseAddressesNotAllowed() throws Exception {
        for (String path : List.of("/sandbox/", "/sandbox/v1/webhooks", "/sandbox/control/deliveries",
                "/demo-agent/status", "/demo-agent/files/guide.pdf")) {
            Raw refused = raw(restricted, "127.0.0.1", "GET", path, null, Map.of("Authorization", "sandbox-demo-token"));
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).as(path)
                    .contains("only requests from " + OTHER_HOST).contains("sandbox.allow-from").contains("127.0.0.1");
            assertThat(refused.body()).as(path).doesNotContain("webhooks/chat2desk");
        }
        Raw message = raw(restricted, "127.0.0.1", "POST", "/sandbox/control/client-messages", "{\"text\":\"hi\"}", Map.of());
        assertThat(message.status()).isEqualTo(403);
        Raw agent = raw(restricted, "127.0.0.1", "POST", "/demo-agent/messages", "{\"text\":\"hi\"}", Map.of());
        assertThat(agent.status()).isEqualTo(403);

        // the allowed address gets through
        assertThat(raw(restricted, OTHER_HOST, "GET", "/demo-agent/status", null, Map.of()).body()).contains("trained");
        assertThat(raw(restricted, OTHER_HOST, "GET", "/sandbox/v1/companies/api_info", null,
                Map.of("Authorization", "sandbox-demo-token")).status()).isEqualTo(200);
        // and what Chat2Desk and operators use is not the sandbox's: webhooks and the management API stay open
        assertThat(raw(restricted, "127.0.0.1", "GET", "/api/v1/channels", null,
                Map.of("Authorization", "Bearer " + RunningBundle.API_KEY)).status()).isEqualTo(200);
        assertThat(raw(restricted, "127.0.0.1", "POST", "/webhooks/chat2desk/no-such-key", "{}", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aCallerCannotClaimAnotherAddress() throws Exception {
        Raw spoofed = raw(restricted, "127.0.0.1", "GET", "/demo-agent/status", null,
                Map.of(org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.REMOTE_ADDRESS,
                        OTHER_HOST + ":1234", "X-Forwarded-For", OTHER_HOST));
        assertThat(spoofed.status()).isEqualTo(403);
    }

    @Test
    void byDefaultThisMachineIsServed() throws Exception {
        assertThat(raw(bundle, "127.0.0.1", "GET", "/demo-agent/status", null, Map.of()).status()).isEqualTo(200);
        assertThat(raw(bundle, OTHER_HOST, "GET", "/demo-agent/status", null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void everySandboxAndDemoAgentRouteIsGuarded() {
        List<RouteDefinition> routes = ((ModelCamelContext) bundle.context()).getRouteDefinitions();
        List<RouteDefinition> served = routes.stream().filter(route -> {
            String uri = route.getInput().getEndpointUri();
            return uri.startsWith("platform-http:/sandbox") || uri.startsWith("platform-http:/demo-agent");
        }).toList();

        assertThat(served).hasSizeGreaterThanOrEqualTo(6);
        assertThat(served).allSatisfy(route -> assertThat(route.getRouteConfigurationId())
                .as(route.getRouteId()).contains("sandbox-local-only"));
    }

    @Test
    void sandboxWebhooksMayPointOnlyAtThisBundlesWebhookPath() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        String own = "http://localhost:" + bundle.port() + "/webhooks/chat2desk/";
        for (String url : List.of("http://127.0.0.1:29999/internal-admin", "https://crm.example/hooks/1",
                own + "../../api/v1/channels", own + "key?x=1", own, "http://localhost:" + bundle.port() + "@evil.example/webhooks/chat2desk/k")) {
            RunningBundle.Answer answer = sandbox.api("POST", "/webhooks",
                    Map.of("name", "relay", "url", url, "events", List.of("inbox")));
            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.json().path("errors").path("url").get(0).asText()).as(url)
                    .contains("only to this bundle").contains(own);
        }
        assertThat(sandbox.api("GET", "/webhooks", null).json().path("data")).isEmpty();

        RunningBundle.Answer ownHook = sandbox.api("POST", "/webhooks",
                Map.of("name", "ours", "url", own + "some-channel-key", "events", List.of("inbox")));
        assertThat(ownHook.status()).as(ownHook.body()).isEqualTo(200);
        long id = ownHook.json().path("data").path("id").asLong();
        RunningBundle.Answer moved = sandbox.api("PUT", "/webhooks/" + id, Map.of("url", "http://127.0.0.1:29999/x"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().path("errors").has("url")).isTrue();
        assertThat(sandbox.api("GET", "/webhooks", null).json().path("data").get(0).path("url").asText())
                .isEqualTo(own + "some-channel-key");
    }

    @Test
    void otherBundlesNamedInWebhookBaseUrlsMayBeWebhooksToo() throws Exception {
        String hook = "{\"name\":\"n\",\"events\":[\"inbox\"],\"url\":\"%s\"}";
        Map<String, String> demoToken = Map.of("Authorization", "sandbox-demo-token");

        Raw other = raw(restricted, OTHER_HOST, "POST", "/sandbox/v1/webhooks",
                hook.formatted("http://127.0.0.3:9/webhooks/chat2desk/abc"), demoToken);
        Raw elsewhere = raw(restricted, OTHER_HOST, "POST", "/sandbox/v1/webhooks",
                hook.formatted("http://127.0.0.3:9/admin"), demoToken);

        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().path("errors").path("url").get(0).asText())
                .contains("http://127.0.0.3:9/webhooks/chat2desk/{channelKey}")
                .contains("http://localhost:" + restricted.port() + "/webhooks/chat2desk/{channelKey}");
    }

    @Test
    void aPageOfAnotherSiteCannotDriveTheSandboxNorTheDemoAgent() throws Exception {
        String own = "http://localhost:" + bundle.port();
        String message = "{\"text\":\"from a page\"}";
        // what a browser sends cross-site without asking first: text/plain, or a body with no type at all
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=b")) {
            Raw simple = raw(bundle, "127.0.0.1", "POST", "/sandbox/control/client-messages", message,
                    Map.of("Content-Type", type));
            assertThat(simple.status()).as(type).isEqualTo(415);
            assertThat(simple.json().path("error").asText()).as(type).startsWith("Content-Type: ");
        }
        assertThat(raw(bundle, "127.0.0.1", "POST", "/demo-agent/messages", message,
                Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(rawWithoutContentType(bundle, "/sandbox/control/client-messages", message).status()).isEqualTo(415);

        // a request from another site's page says where it comes from
        for (String origin : List.of("http://evil.example", "null", own + ".evil.example", "http://localhost:1")) {
            Raw foreign = raw(bundle, "127.0.0.1", "POST", "/sandbox/control/reset", null, Map.of("Origin", origin));
            assertThat(foreign.status()).as(origin).isEqualTo(403);
            assertThat(foreign.json().path("error").asText()).as(origin).contains("only pages of this bundle (" + own);
        }
        // a query parameter is no header, even with a header's name
        assertThat(raw(bundle, "127.0.0.1", "POST", "/sandbox/control/client-messages?Origin=" + own, message,
                Map.of("Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(raw(bundle, "127.0.0.1", "GET", "/demo-agent/status", null, Map.of("Origin", "http://evil.example"))
                .status()).isEqualTo(403);

        // the bundle's own page, at any of its loopback names, goes on
        for (String origin : List.of(own, "http://127.0.0.1:" + bundle.port(), "http://[::1]:" + bundle.port())) {
            assertThat(raw(bundle, "127.0.0.1", "POST", "/sandbox/control/client-messages", message,
                    Map.of("Origin", origin)).status()).as(origin).isEqualTo(201);
        }
    }

    @Test
    void aRequestThroughAProxyIsTheProxysClientsAndNeedsTheirAddressesAllowed() throws Exception {
        String message = "{\"text\":\"through a proxy\"}";
        for (Map<String, String> proxied : List.of(Map.of("X-Forwarded-For", "203.0.113.9"),
                Map.of("X-Forwarded-For", "127.0.0.1, 203.0.113.9"),
                Map.of("Forwarded", "for=203.0.113.9;proto=http"),
                Map.of("Forwarded", "for=\"[2001:db8::1]:4711\""),
                Map.of("Forwarded", "for=unknown"),
                Map.of("Via", "1.1 proxy.example"))) {
            Raw refused = raw(bundle, "127.0.0.1", "POST", "/sandbox/control/client-messages", message, proxied);
            assertThat(refused.status()).as(proxied.toString()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).as(proxied.toString())
                    .contains("sandbox.allow-from").contains("came through a proxy");
        }
        assertThat(raw(bundle, "127.0.0.1", "GET", "/demo-agent/status", null, Map.of("X-Forwarded-For", "203.0.113.9"))
                .status()).isEqualTo(403);
        // a proxy on this machine serving this machine's clients only
        assertThat(raw(bundle, "127.0.0.1", "POST", "/sandbox/control/client-messages", message,
                Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1")).status()).isEqualTo(201);
    }

    @Test
    void sandboxAllowFromOpensItToProxiesThatServeEveryone() throws Exception {
        try (RunningBundle open = RunningBundle.start(Map.of("sandbox.allow-from", "0.0.0.0/0, ::/0"))) {
            for (Map<String, String> proxied : List.of(Map.of("X-Forwarded-For", "203.0.113.9"),
                    Map.of("Via", "1.1 proxy"))) {
                assertThat(raw(open, "127.0.0.1", "POST", "/sandbox/control/client-messages", "{\"text\":\"hi\"}",
                        proxied).status()).as(proxied.toString()).isEqualTo(201);
            }
        }
    }

    @Test
    void aWrongAllowFromStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> RunningBundle.start(Map.of("sandbox.allow-from", "127.0.0.1, intranet")))
                .hasStackTraceContaining("sandbox.allow-from: 'intranet' is not an IP address or a CIDR range");
    }

    /** An HTTP answer read off a plain socket. */
    record Raw(int status, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** A request with a body and no Content-Type, as a page's fetch of a Blob without a type sends it. */
    private static Raw rawWithoutContentType(RunningBundle target, String path, String body) throws IOException {
        return raw(target, "127.0.0.1", "POST", path, body, Map.of("Content-Type", ""));
    }

    /** One HTTP/1.1 request from the given local address, which java.net.http cannot choose. */
    private static Raw raw(RunningBundle target, String from, String method, String path, String body,
            Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), target.port()), 5000);
            socket.setSoTimeout(20_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + target.port() + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
            if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                request.append("Content-Type: application/json\r\n");
            }
            headers.forEach((name, value) -> {
                if (!value.isEmpty()) {
                    request.append(name).append(": ").append(value).append("\r\n");
                }
            });
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            int start = answer.indexOf("\r\n\r\n");
            String rest = start < 0 ? "" : answer.substring(start + 4);
            return new Raw(status, answer.toLowerCase().contains("transfer-encoding: chunked") ? unchunk(rest) : rest);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int end = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, end).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
    }
}
