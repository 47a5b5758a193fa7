package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel's webhook URL is reachable by anyone who learns it. Whatever arrives there (broken
 * JSON, wrong types, missing fields, bytes that are not UTF-8, deep nesting, unknown events,
 * oversized bodies, other content types) is answered with a 2xx or with a 4xx whose JSON says
 * what is wrong, crashes no route, and disturbs none of the valid messages sent in between.
 */
class MalformedWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1_048_576;
    /** Malformed events that are still accepted name a human operator, so the bot leaves them alone. */
    private static final long STRANGER = 777_000;

    /** What the bundle must answer. */
    enum Expected {
        ACCEPTED, REFUSED, TOO_LARGE, ACCEPTED_OR_REFUSED;

        boolean allows(int status) {
            return switch (this) {
                case ACCEPTED -> status / 100 == 2;
                case REFUSED -> status == 400;
                case TOO_LARGE -> status == 413;
                case ACCEPTED_OR_REFUSED -> status / 100 == 2 || status == 400;
            };
        }
    }

    /** One webhook of the corpus; {@code chunked} sends it without a Content-Length. */
    record Webhook(String name, String contentType, byte[] body, Expected expected, boolean chunked) {

        Webhook(String name, String contentType, byte[] body, Expected expected) {
            this(name, contentType, body, expected, false);
        }

        static Webhook json(String name, String body, Expected expected) {
            return new Webhook(name, "application/json", utf8(body), expected);
        }
    }

    private static RunningBundle bundle;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start();
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @Test
    void malformedWebhooksAreRefusedClearlyAndEveryValidMessageAmongThemReachesTheAgentOnce() throws Exception {
        try (TestAgent agent = new TestAgent()) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            String webhook = activeChannelWithServiceMessages(sandbox, agent);
            JsonNode first = sandbox.clientWrites(Map.of("text", "hello", "transport", "telegram"));
            long clientId = first.path("clientId").asLong();
            long dialogId = first.path("dialogId").asLong();

            List<Webhook> corpus = corpus();
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
            List<String> violations = new ArrayList<>();
            List<String> valid = new ArrayList<>();
            Set<String> refused = new HashSet<>();
            for (int i = 0; i < corpus.size(); i++) {
                if (i % 4 == 0) {
                    valid.add(sendValid(webhook, clientId, dialogId, valid.size(), violations));
                }
                Webhook malformed = corpus.get(i);
                HttpResponse<String> answer = post(webhook, malformed);
                String problem = problem(malformed.expected(), answer);
                if (problem != null) {
                    violations.add(malformed.name() + ": " + problem);
                }
                if (answer.statusCode() / 100 == 4) {
                    refused.add(malformed.name());
                }
            }
            valid.add(sendValid(webhook, clientId, dialogId, valid.size(), violations));

            assertThat(violations).isEmpty();
            // A chat's messages reach the Agent in order: once the last one is there, all are
            String last = valid.get(valid.size() - 1);
            await().atMost(Duration.ofSeconds(120)).until(() -> agentTexts(agent).contains(last));
            Map<String, Long> received = agentTexts(agent).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(valid).allSatisfy(text -> assertThat(received.get(text)).as(text).isEqualTo(1L));
            assertThat(received.keySet()).as("texts of refused webhooks").doesNotContainAnyElementsOf(refused);
            assertEveryRouteStillStarted();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The corpus
    // ---------------------------------------------------------------------------------------------

    private static final List<String> FIELDS = List.of("message_id", "type", "text", "transport", "client_id",
            "operator_id", "dialog_id", "channel_id", "photo", "coordinates", "audio", "pdf", "client", "hook_type",
            "request_id", "attachments", "is_new_request", "is_new_client", "extra_data", "is_new", "event_time");
    private static final Set<String> REQUIRED = Set.of("hook_type", "message_id", "client_id");
    private static final Set<String> IDS = Set.of("message_id", "client_id", "operator_id", "dialog_id", "channel_id",
            "request_id");
    private static final List<String> WRONG_VALUES = List.of("{}", "[]", "true", "1.5", "\"abc\"", "-7", "1e3",
            "99999999999999999999999", "\"12a\"", "[1]", "{\"id\":1}");

    static List<Webhook> corpus() throws IOException {
        List<Webhook> corpus = new ArrayList<>();
        brokenJson(corpus);
        truncated(corpus);
        notAnObject(corpus);
        wrongTypes(corpus);
        missingAndNullFields(corpus);
        invalidUtf8(corpus);
        deepNesting(corpus);
        unknownEvents(corpus);
        oversized(corpus);
        contentTypes(corpus);
        garbage(corpus);
        return corpus;
    }

    /** Chat2Desk's inbox example, as an event the bot leaves alone. */
    static ObjectNode inbox(String name) {
        ObjectNode node = JSON.createObjectNode();
        node.put("message_id", 6_000_000 + Math.abs(name.hashCode() % 1_000_000));
        node.put("type", "from_client");
        node.put("text", name);
        node.put("transport", "telegram");
        node.put("client_id", STRANGER);
        node.put("operator_id", Sandbox.HUMAN_OPERATOR);
        node.put("dialog_id", 942);
        node.put("channel_id", 1);
        node.putNull("photo");
        node.putNull("coordinates");
        node.putNull("audio");
        node.putNull("pdf");
        ObjectNode client = node.putObject("client");
        client.put("id", STRANGER);
        client.put("phone", "[tg] 807892");
        client.putNull("client_phone");
        client.put("name", "Stranger");
        node.put("hook_type", "inbox");
        node.put("request_id", 5357);
        node.putArray("attachments");
        node.put("is_new_request", false);
        node.put("is_new_client", false);
        node.putObject("extra_data");
        node.put("is_new", true);
        node.put("event_time", "2025-04-03T11:50:06.984494Z");
        return node;
    }

    static String inboxWith(String name, Consumer<ObjectNode> change) {
        ObjectNode node = inbox(name);
        change.accept(node);
        return node.toString();
    }

    private static void brokenJson(List<Webhook> corpus) {
        String head = "{\"hook_type\":\"inbox\",\"message_id\":6100001,\"client_id\":" + STRANGER;
        List<String> bodies = List.of("{", "}", "{\"hook_type\":\"inbox\",", "{\"hook_type\":\"inbox\"",
                "{\"hook_type\":inbox}", "{'hook_type':'inbox'}", "{hook_type:\"inbox\"}", head + ",}",
                head + "}}", head + "}{\"x\":1}", head + "} trailing", head + ",\"text\":NaN}",
                head + ",\"text\":Infinity}", head + ",\"dialog_id\":01}", head + ",\"dialog_id\":1.}",
                head + ",\"dialog_id\":.5}", head + ",\"text\":\"\\x\"}", head + ",\"text\":\"\\u12\"}",
                head + ",\"text\":\"line\nbreak\"}", head + ",\"text\":\"tab\there\"}", "/* c */" + head + "}",
                head + "} // c", head + ",\"attachments\":[1,2}", head + ",\"client\":{\"id\":1]}",
                head + ",\"text\" \"x\"}", head + ",\"text\":\"x\" \"type\":\"y\"}", head + ",\"is_new\":tru}",
                head + ",\"photo\":nul}", head + ",\"text\":\"unterminated}", head + ",\"text\":\"nul\u0000\"}",
                "\uFEFF" + head + "}", head + "}\u0000", head + ",,\"text\":\"x\"}", head + ",\"text\":}");
        for (int i = 0; i < bodies.size(); i++) {
            corpus.add(Webhook.json("broken-json-" + i, bodies.get(i), Expected.REFUSED));
        }
    }

    private static void truncated(List<Webhook> corpus) {
        String whole = inbox("truncated").toString();
        for (int cut = 1; cut < whole.length(); cut += whole.length() / 30) {
            corpus.add(Webhook.json("truncated-at-" + cut, whole.substring(0, cut), Expected.REFUSED));
        }
        corpus.add(Webhook.json("truncated-before-last-brace", whole.substring(0, whole.length() - 1), Expected.REFUSED));
    }

    private static void notAnObject(List<Webhook> corpus) {
        List<String> bodies = List.of("", " ", "\n\t", "null", "true", "1", "\"inbox\"", "[]",
                "[" + inbox("in-an-array") + "]");
        for (int i = 0; i < bodies.size(); i++) {
            corpus.add(Webhook.json("not-an-object-" + i, bodies.get(i), Expected.REFUSED));
        }
    }

    private static void wrongTypes(List<Webhook> corpus) throws IOException {
        for (String field : FIELDS) {
            for (String value : WRONG_VALUES) {
                String name = "wrong-type-" + field + "-" + value;
                JsonNode wrong = JSON.readTree(value);
                // Ids are strict: anything but a non-negative whole number or numeric string is refused
                Expected expected = IDS.contains(field) ? Expected.REFUSED : Expected.ACCEPTED_OR_REFUSED;
                corpus.add(Webhook.json(name, inboxWith(name, n -> n.set(field, wrong)), expected));
            }
        }
    }

    private static void missingAndNullFields(List<Webhook> corpus) {
        for (String field : FIELDS) {
            Expected expected = REQUIRED.contains(field) ? Expected.REFUSED : Expected.ACCEPTED;
            String missing = "missing-" + field;
            corpus.add(Webhook.json(missing, inboxWith(missing, n -> n.remove(field)), expected));
            String isNull = "null-" + field;
            corpus.add(Webhook.json(isNull, inboxWith(isNull, n -> n.putNull(field)), expected));
        }
        corpus.add(Webhook.json("empty-object", "{}", Expected.REFUSED));
        corpus.add(Webhook.json("message-id-zero", inboxWith("message-id-zero", n -> n.put("message_id", 0)),
                Expected.REFUSED));
        corpus.add(Webhook.json("message-id-empty", inboxWith("message-id-empty", n -> n.put("message_id", "")),
                Expected.REFUSED));
        corpus.add(Webhook.json("client-id-blank", inboxWith("client-id-blank", n -> n.put("client_id", "  ")),
                Expected.REFUSED));
    }

    private static void invalidUtf8(List<Webhook> corpus) {
        int[][] sequences = {{0xFF}, {0xFE}, {0xC3, 0x28}, {0xA0, 0xA1}, {0xE2, 0x28, 0xA1}, {0xE2, 0x82, 0x28},
                {0xF0, 0x28, 0x8C, 0xBC}, {0xC0, 0xAF}, {0xED, 0xA0, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80},
                {0xE2, 0x82}};
        for (int i = 0; i < sequences.length; i++) {
            byte[] bad = new byte[sequences[i].length];
            for (int j = 0; j < bad.length; j++) {
                bad[j] = (byte) sequences[i][j];
            }
            String name = "invalid-utf8-" + i;
            String body = inboxWith(name, n -> n.put("text", "before@@after"));
            corpus.add(new Webhook(name + "-in-text", "application/json", replace(body, "@@", bad), Expected.REFUSED));
            corpus.add(new Webhook(name + "-in-key", "application/json",
                    replace(body, "\"text\"", concat(utf8("\"te"), bad, utf8("xt\""))), Expected.REFUSED));
        }
        byte[] latin1 = inboxWith("latin1", n -> n.put("text", "café")).getBytes(StandardCharsets.ISO_8859_1);
        corpus.add(new Webhook("latin1-declared", "application/json; charset=ISO-8859-1", latin1, Expected.ACCEPTED_OR_REFUSED));
        corpus.add(new Webhook("latin1-undeclared", "application/json", latin1, Expected.REFUSED));
        corpus.add(new Webhook("utf16", "application/json; charset=UTF-16",
                inbox("utf16").toString().getBytes(StandardCharsets.UTF_16), Expected.ACCEPTED_OR_REFUSED));
    }

    private static void deepNesting(List<Webhook> corpus) {
        corpus.add(Webhook.json("deep-arrays-10000", "[".repeat(10_000), Expected.REFUSED));
        corpus.add(Webhook.json("deep-arrays-closed-10000", "[".repeat(10_000) + "]".repeat(10_000), Expected.REFUSED));
        corpus.add(Webhook.json("deep-objects-10000", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                Expected.REFUSED));
        corpus.add(Webhook.json("deep-arrays-100000", "[".repeat(100_000), Expected.REFUSED));
        for (int depth : new int[] {1_001, 10_000}) {
            String name = "deep-extra-data-" + depth;
            String body = inboxWith(name, n -> n.put("extra_data", "@@"))
                    .replace("\"@@\"", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
            corpus.add(Webhook.json(name, body, Expected.REFUSED));
            String inText = "deep-client-" + depth;
            corpus.add(Webhook.json(inText, inboxWith(inText, n -> n.put("client", "@@"))
                    .replace("\"@@\"", "[".repeat(depth) + "]".repeat(depth)), Expected.REFUSED));
        }
        String shallow = "shallow-extra-data-60";
        corpus.add(Webhook.json(shallow, inboxWith(shallow, n -> n.put("extra_data", "@@"))
                .replace("\"@@\"", "{\"a\":".repeat(60) + "1" + "}".repeat(60)), Expected.ACCEPTED));
        String deeper = "extra-data-65";
        corpus.add(Webhook.json(deeper, inboxWith(deeper, n -> n.put("extra_data", "@@"))
                .replace("\"@@\"", "{\"a\":".repeat(65) + "1" + "}".repeat(65)), Expected.REFUSED));
        corpus.add(Webhook.json("long-number", inboxWith("long-number", n -> n.put("dialog_id", "@@"))
                .replace("\"@@\"", "9".repeat(5_000)), Expected.REFUSED));
    }

    private static void unknownEvents(List<Webhook> corpus) {
        List<String> unknown = List.of("no_such_event", "INBOX", "inbox ", "входящее", "x".repeat(64),
                "<script>alert(1)</script>", "../../etc/passwd", "close_dialog\nERROR forged-by-a-client", "inbox\r\n");
        for (int i = 0; i < unknown.size(); i++) {
            String name = "unknown-event-" + i;
            String event = unknown.get(i);
            corpus.add(Webhook.json(name, inboxWith(name, n -> n.put("hook_type", event)), Expected.REFUSED));
        }
        List<String> rare = List.of("new_qr_code", "imported_message", "operator_status_updated");
        for (int i = 0; i < rare.size(); i++) {
            String name = "rare-event-" + i;
            String event = rare.get(i);
            corpus.add(Webhook.json(name, inboxWith(name, n -> n.put("hook_type", event)), Expected.ACCEPTED));
        }
        corpus.add(Webhook.json("event-name-too-long", inboxWith("event-name-too-long",
                n -> n.put("hook_type", "x".repeat(65))), Expected.REFUSED));
        corpus.add(Webhook.json("event-name-huge", inboxWith("event-name-huge",
                n -> n.put("hook_type", "y".repeat(100_000))), Expected.REFUSED));
        corpus.add(Webhook.json("transport-huge", inboxWith("transport-huge",
                n -> n.put("transport", "t".repeat(10_000))), Expected.REFUSED));
        corpus.add(Webhook.json("operator-status", "{\"hook_type\":\"operator_status_updated\",\"id\":\"2325532\","
                + "\"email\":\"op@x\",\"online\":0,\"offline_type\":\"busy\",\"status_id\":1}", Expected.ACCEPTED));
        corpus.add(Webhook.json("close-request", "{\"hook_type\":\"close_request\",\"request_id\":5357,"
                + "\"event_time\":\"2025-04-03T11:50:06Z\"}", Expected.ACCEPTED));
        corpus.add(Webhook.json("hook-type-only", "{\"hook_type\":\"close_dialog\"}", Expected.ACCEPTED));
    }

    private static void oversized(List<Webhook> corpus) {
        String name = "at-the-limit";
        String shell = inboxWith(name, n -> n.put("text", "@@"));
        String atLimit = shell.replace("@@", "a".repeat(MAX_BODY - shell.length() + 2));
        assertThat(utf8(atLimit)).hasSize(MAX_BODY);
        corpus.add(Webhook.json(name, atLimit, Expected.ACCEPTED));
        corpus.add(Webhook.json("one-byte-over", shell.replace("@@", "a".repeat(MAX_BODY - shell.length() + 3)),
                Expected.TOO_LARGE));
        corpus.add(Webhook.json("two-mb", shell.replace("@@", "b".repeat(2 * MAX_BODY)), Expected.TOO_LARGE));
        corpus.add(new Webhook("two-mb-chunked", "application/json", utf8(shell.replace("@@", "c".repeat(2 * MAX_BODY))),
                Expected.TOO_LARGE, true));
        corpus.add(new Webhook("two-mb-as-text", "text/plain", utf8("d".repeat(2 * MAX_BODY)), Expected.TOO_LARGE));
    }

    private static void contentTypes(List<Webhook> corpus) throws IOException {
        byte[] body = utf8(inbox("content-type").toString());
        for (String type : List.of("text/plain", "application/octet-stream", "application/xml", "text/html",
                "application/x-www-form-urlencoded", "application/json; charset=UTF-8", "APPLICATION/JSON",
                "invalid content type", "")) {
            corpus.add(new Webhook("content-type-" + type, type, body, Expected.ACCEPTED_OR_REFUSED));
        }
        corpus.add(new Webhook("form-fields", "application/x-www-form-urlencoded",
                utf8("hook_type=inbox&message_id=1&client_id=2"), Expected.REFUSED));
        corpus.add(new Webhook("multipart", "multipart/form-data; boundary=XX", utf8("--XX\r\n"
                + "Content-Disposition: form-data; name=\"event\"\r\n\r\n" + inbox("multipart") + "\r\n--XX--\r\n"),
                Expected.ACCEPTED_OR_REFUSED));
        corpus.add(new Webhook("multipart-file", "multipart/form-data; boundary=XX", utf8("--XX\r\n"
                + "Content-Disposition: form-data; name=\"f\"; filename=\"a.json\"\r\nContent-Type: application/json\r\n\r\n"
                + inbox("multipart-file") + "\r\n--XX--\r\n"), Expected.ACCEPTED_OR_REFUSED));
        corpus.add(new Webhook("multipart-no-boundary", "multipart/form-data", utf8("garbage"), Expected.REFUSED));
        corpus.add(new Webhook("xml", "application/xml", utf8("<event><hook_type>inbox</hook_type></event>"),
                Expected.REFUSED));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(body);
        }
        corpus.add(new Webhook("gzip-bytes", "application/json", zipped.toByteArray(), Expected.REFUSED));
        corpus.add(new Webhook("png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0},
                Expected.REFUSED));
    }

    private static void garbage(List<Webhook> corpus) {
        Random random = new Random(20250403);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[1 + random.nextInt(2_000)];
            random.nextBytes(bytes);
            bytes[0] = '#'; // never the start of a JSON value
            corpus.add(new Webhook("random-bytes-" + i, "application/json", bytes, Expected.REFUSED));
        }
        String alphabet = "{}[]\":,0123456789abcdefnulltrue \\";
        for (int i = 0; i < 10; i++) {
            StringBuilder text = new StringBuilder("{");
            for (int j = 0; j < 200; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            corpus.add(Webhook.json("random-json-like-" + i, text.toString(), Expected.ACCEPTED_OR_REFUSED));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sending and checking
    // ---------------------------------------------------------------------------------------------

    private String sendValid(String webhook, long clientId, long dialogId, int n, List<String> violations)
            throws Exception {
        String text = "valid-" + n;
        String body = "{\"message_id\":" + (5_000_000 + n) + ",\"type\":\"from_client\",\"text\":\"" + text + "\","
                + "\"transport\":\"telegram\",\"client_id\":" + clientId + ",\"operator_id\":null,\"dialog_id\":"
                + dialogId + ",\"channel_id\":1,\"hook_type\":\"inbox\"}";
        HttpResponse<String> answer = post(webhook, Webhook.json(text, body, Expected.ACCEPTED));
        String problem = problem(Expected.ACCEPTED, answer);
        if (problem != null) {
            violations.add(text + ": " + problem);
        }
        return text;
    }

    private HttpResponse<String> post(String url, Webhook webhook) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (!webhook.contentType().isEmpty()) {
            request.header("Content-Type", webhook.contentType());
        }
        request.POST(webhook.chunked()
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(webhook.body()))
                : HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Expected expected, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status + " " + answer.body();
        }
        if (!expected.allows(status)) {
            return "expected " + expected + ", answered " + status + " " + abbreviate(answer.body());
        }
        if (status / 100 == 4) {
            if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                return "a " + status + " without JSON: " + abbreviate(answer.body());
            }
            try {
                if (JSON.readTree(answer.body()).path("error").asText("").isBlank()) {
                    return "a " + status + " without an error: " + abbreviate(answer.body());
                }
            } catch (IOException e) {
                return "a " + status + " whose body is not JSON: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    private void assertEveryRouteStillStarted() throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create(bundle.managementUrl("/observe/health/ready?data=true"))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode health = JSON.readTree(ready.body());
        List<String> routes = new ArrayList<>();
        health.path("checks").forEach(check -> {
            if (check.path("name").asText().equals("routes")) {
                check.path("data").fields().forEachRemaining(detail -> {
                    if (detail.getKey().startsWith("route.")) {
                        routes.add(detail.getKey() + "=" + detail.getValue().asText());
                    }
                });
            }
        });
        assertThat(routes).contains("route.webhook-intake=Started").allMatch(route -> route.endsWith("=Started"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    private String activeChannelWithServiceMessages(Sandbox sandbox, TestAgent agent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.put("serviceMessages", true);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return bundle.url(Webhooks.path(channel));
    }

    private static List<String> agentTexts(TestAgent agent) {
        return agent.requests().stream().filter(r -> "message".equals(r.path("event").asText()))
                .map(r -> r.path("text").asText()).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(String text, String marker, byte[] bytes) {
        int at = text.indexOf(marker);
        return concat(utf8(text.substring(0, at)), bytes, utf8(text.substring(at + marker.length())));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
