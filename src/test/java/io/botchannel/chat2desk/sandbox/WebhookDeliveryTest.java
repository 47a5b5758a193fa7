package io.botchannel.chat2desk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events reach webhooks over real HTTP, signed and retried as Chat2Desk does. */
class WebhookDeliveryTest {

    private static final String TOKEN = "company-token";
    /** Chat2Desk's documented inbox example, compact, exactly as signed in the vendor's example. */
    private static final String VECTOR_BODY = "{\"message_id\":28780,\"type\":\"from_client\",\"text\":\"test7\","
            + "\"transport\":\"widget\",\"client_id\":12568,\"operator_id\":null,\"dialog_id\":942,\"channel_id\":1,"
            + "\"photo\":null,\"coordinates\":null,\"audio\":null,\"pdf\":null,"
            + "\"client\":{\"id\":12568,\"phone\":\"[chat] 1d0bb2e221762cfcc05c\",\"client_phone\":null,"
            + "\"name\":\"[chat] 1d0bb2e221762cfcc05c\",\"assigned_name\":null,\"external_id\":null},"
            + "\"hook_type\":\"inbox\",\"request_id\":5357,\"attachments\":[],\"is_new_request\":false,"
            + "\"is_new_client\":false,\"insta_comment\":false,\"extra_data\":{},\"is_new\":true,"
            + "\"event_time\":\"2025-04-03T11:50:06.984494Z\"}";

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private SandboxClient sandbox(double retryScale, String signatureHeader, String timestampHeader) {
        Chat2DeskSandbox sandbox = new Chat2DeskSandbox(TOKEN, signatureHeader, timestampHeader, retryScale);
        closing.add(sandbox);
        return new SandboxClient(sandbox, TOKEN);
    }

    private SandboxClient sandbox(double retryScale) {
        return sandbox(retryScale, "X-Signature", "X-Timestamp");
    }

    private Receiver receiver(Integer... statuses) throws IOException {
        Receiver receiver = new Receiver(statuses);
        closing.add(receiver);
        return receiver;
    }

    private static long register(SandboxClient c2d, String url, String events) {
        SandboxClient.Answer answer = c2d.api("POST", "/webhooks",
                "{\"name\":\"test\",\"url\":\"" + url + "\",\"events\":" + events + "}");
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.data().path("id").asLong();
    }

    private static JsonNode json(String body) throws IOException {
        return SandboxClient.JSON.readTree(body);
    }

    /** Computed here independently of the sandbox, so that a receiver's check is what is tested. */
    private static String hmacSha256Hex(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String md5Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode webhook(SandboxClient c2d, long id) {
        for (JsonNode hook : c2d.get("/webhooks").data()) {
            if (hook.path("id").asLong() == id) {
                return hook;
            }
        }
        throw new AssertionError("no webhook " + id);
    }

    @Test
    void theSignatureMatchesTheVendorsTestVector() throws Exception {
        assertThat(WebhookDelivery.signature("md5_api_token", VECTOR_BODY, 1743681006L))
                .isEqualTo("88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595");
        assertThat(hmacSha256Hex("md5_api_token", VECTOR_BODY + "1743681006"))
                .isEqualTo("88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595");
        assertThat(WebhookDelivery.md5Hex("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void anInboxEventArrivesSignedWithTheMd5OfTheToken() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook/secret"), "[\"inbox\"]");

        JsonNode ids = c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);
        Receiver.Request request = receiver.requests.get(0);
        assertThat(request.path()).isEqualTo("/hook/secret");
        long timestamp = Long.parseLong(request.header("X-Timestamp"));
        assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(request.header("X-Signature")).isEqualTo(hmacSha256Hex(md5Hex(TOKEN), request.body() + timestamp));
        assertThat(request.header("Content-Type")).startsWith("application/json");

        JsonNode event = json(request.body());
        assertThat(event.path("hook_type").asText()).isEqualTo("inbox");
        assertThat(event.path("message_id").asLong()).isEqualTo(ids.path("messageId").asLong());
        assertThat(event.path("client_id").asLong()).isEqualTo(ids.path("clientId").asLong());
        assertThat(event.path("dialog_id").asLong()).isEqualTo(ids.path("dialogId").asLong());
        assertThat(event.path("text").asText()).isEqualTo("hello");
        assertThat(event.path("is_new_client").asBoolean()).isTrue();
        assertThat(event.path("event_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void theInboxPayloadHasTheFieldsOfTheVendorsExampleInTheSameOrder() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);
        List<String> expected = new ArrayList<>();
        json(VECTOR_BODY).fieldNames().forEachRemaining(expected::add);
        expected.add(expected.indexOf("pdf") + 1, "video"); // the sandbox also passes on a client's video
        List<String> sent = new ArrayList<>();
        json(receiver.requests.get(0).body()).fieldNames().forEachRemaining(sent::add);
        assertThat(sent).containsExactlyElementsOf(expected);
        List<String> clientFields = new ArrayList<>();
        json(receiver.requests.get(0).body()).path("client").fieldNames().forEachRemaining(clientFields::add);
        assertThat(clientFields).containsExactly("id", "phone", "client_phone", "name", "assigned_name", "external_id");
    }

    @Test
    void theHeaderNamesAreConfigurable() throws Exception {
        SandboxClient c2d = sandbox(0.001, "X-Chat2Desk-Signature", "X-Chat2Desk-Time");
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);
        Receiver.Request request = receiver.requests.get(0);
        assertThat(request.header("X-Signature")).isNull();
        assertThat(request.header("X-Chat2Desk-Signature"))
                .isEqualTo(hmacSha256Hex(md5Hex(TOKEN), request.body() + request.header("X-Chat2Desk-Time")));
    }

    @Test
    void anApiSendIsEchoedAsOutboxWithTheOperatorAsSent() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"outbox\"]");
        JsonNode ids = c2d.clientWrites("{\"text\":\"hello\"}");

        long messageId = c2d.api("POST", "/messages", "{\"client_id\":" + ids.path("clientId")
                + ",\"text\":\"Hi!\",\"operator_id\":41164}").data().path("message_id").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);
        JsonNode event = json(receiver.requests.get(0).body());
        assertThat(event.path("hook_type").asText()).isEqualTo("outbox");
        assertThat(event.path("type").asText()).isEqualTo("to_client");
        assertThat(event.path("message_id").asLong()).isEqualTo(messageId);
        assertThat(event.path("operator_id").asLong()).isEqualTo(41164);
        assertThat(event.path("text").asText()).isEqualTo("Hi!");
    }

    @Test
    void onlySubscribedEventsAreDelivered() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"close_dialog\"]");
        JsonNode ids = c2d.clientWrites("{\"text\":\"hello\"}");
        c2d.api("POST", "/messages", "{\"client_id\":" + ids.path("clientId") + ",\"text\":\"Hi!\"}");

        c2d.api("PUT", "/dialogs/" + ids.path("dialogId"), "{\"state\":\"closed\"}");

        // The close came last and deliveries keep the order of events, so nothing else can still come
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 1);
        assertThat(receiver.requests).hasSize(1);
        JsonNode event = json(receiver.requests.get(0).body());
        assertThat(event.path("hook_type").asText()).isEqualTo("close_dialog");
        assertThat(event.path("dialog_id").asLong()).isEqualTo(ids.path("dialogId").asLong());
        assertThat(event.path("client_id").asLong()).isEqualTo(ids.path("clientId").asLong());
    }

    @Test
    void transfersAreDeliveredAsDialogTransferredWithTheNewOperator() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"dialog_transferred\"]");
        JsonNode ids = c2d.clientWrites("{\"text\":\"hello\"}");

        c2d.get("/messages/" + ids.path("messageId") + "/transfer?operator_id=41165");
        c2d.get("/messages/" + ids.path("messageId") + "/transfer?operator_id=41164");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 2);
        assertThat(receiver.requests).extracting(r -> json(r.body()).path("operator_id").asLong())
                .containsExactly(41165L, 41164L);
        assertThat(json(receiver.requests.get(0).body()).path("dialog_id").asLong()).isEqualTo(ids.path("dialogId").asLong());
    }

    @Test
    void eventsOfACompanyArriveInTheOrderTheyHappened() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"inbox\",\"outbox\"]");
        long clientId = c2d.clientWrites("{\"text\":\"0\"}").path("clientId").asLong();
        for (int i = 1; i < 30; i++) {
            if (i % 2 == 0) {
                c2d.clientWrites("{\"text\":\"" + i + "\",\"clientId\":" + clientId + "}");
            } else {
                c2d.api("POST", "/messages", "{\"client_id\":" + clientId + ",\"text\":\"" + i + "\"}");
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 30);
        assertThat(receiver.requests).extracting(r -> json(r.body()).path("text").asInt())
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aFailedDeliveryIsRetriedThreeTimesAndEachFailureIsRecorded() throws Exception {
        SandboxClient c2d = sandbox(0.0001);
        Receiver receiver = receiver(500);
        long id = register(c2d, receiver.url("/hook"), "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> c2d.control("GET", "/deliveries", null).json().size() == 4);
        JsonNode log = c2d.control("GET", "/deliveries", null).json();
        assertThat(log).extracting(d -> d.path("attempt").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(log).extracting(d -> d.path("status").asInt()).containsOnly(500);
        assertThat(log.get(0).path("event").asText()).isEqualTo("inbox");
        assertThat(log.get(0).path("url").asText()).isEqualTo(receiver.url("/hook"));
        assertThat(receiver.requests).extracting(Receiver.Request::body).containsOnly(receiver.requests.get(0).body());
        assertThat(webhook(c2d, id).path("errors").size()).isGreaterThanOrEqualTo(4);
        assertThat(webhook(c2d, id).path("errors").get(0).path("text").asText()).contains("HTTP 500");
        assertThat(webhook(c2d, id).path("errors").get(0).path("created_at").isIntegralNumber()).isTrue();
    }

    @Test
    void theDeliveriesOfOneClientCanBeListedAlone() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"inbox\",\"close_dialog\"]");
        JsonNode anna = c2d.clientWrites("{\"text\":\"from Anna\"}");
        JsonNode boris = c2d.clientWrites("{\"text\":\"from Boris\"}");
        c2d.api("PUT", "/dialogs/" + anna.path("dialogId"), "{\"state\":\"closed\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> c2d.control("GET", "/deliveries", null).json().size() == 3);
        JsonNode annas = c2d.control("GET", "/deliveries?clientId=" + anna.path("clientId"), null).json();
        JsonNode boriss = c2d.control("GET", "/deliveries?clientId=" + boris.path("clientId"), null).json();

        assertThat(annas).extracting(d -> d.path("event").asText()).containsExactly("inbox", "close_dialog");
        assertThat(annas.get(0).path("payload").path("text").asText()).isEqualTo("from Anna");
        assertThat(boriss).extracting(d -> d.path("payload").path("text").asText()).containsExactly("from Boris");
    }

    @Test
    void aRetryThatSucceedsEndsTheRetries() throws Exception {
        SandboxClient c2d = sandbox(0.0001);
        Receiver receiver = receiver(503, 200);
        long id = register(c2d, receiver.url("/hook"), "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> c2d.control("GET", "/deliveries", null).json().size() == 2);
        JsonNode log = c2d.control("GET", "/deliveries", null).json();
        assertThat(log).extracting(d -> d.path("status").asInt()).containsExactly(503, 200);
        assertThat(webhook(c2d, id).path("status").asText()).isEqualTo("enable");
        assertThat(webhook(c2d, id).path("errors")).hasSize(1);
    }

    @Test
    void aNetworkErrorCountsAsAFailedDelivery() throws Exception {
        SandboxClient c2d = sandbox(0.0001);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long id = register(c2d, "http://127.0.0.1:" + closedPort + "/hook", "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> c2d.control("GET", "/deliveries", null).json().size() >= 1);
        JsonNode first = c2d.control("GET", "/deliveries", null).json().get(0);
        assertThat(first.path("status").isNull()).isTrue();
        assertThat(first.path("error").asText()).isNotBlank();
        assertThat(webhook(c2d, id).path("errors")).isNotEmpty();
    }

    @Test
    void aWebhookWithNoSuccessForFiveScaledHoursIsDisabledAndGetsNothingMore() throws Exception {
        SandboxClient c2d = sandbox(0.0001); // 5 h become 1.8 s
        Receiver receiver = receiver(500);
        long id = register(c2d, receiver.url("/hook"), "[\"inbox\"]");

        c2d.clientWrites("{\"text\":\"hello\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> webhook(c2d, id).path("status").asText().equals("disable"));
        JsonNode errors = webhook(c2d, id).path("errors");
        assertThat(errors.get(errors.size() - 1).path("text").asText()).contains("disabled");

        int before = receiver.requests.size();
        Receiver other = receiver(200);
        register(c2d, other.url("/other"), "[\"inbox\"]");
        c2d.clientWrites("{\"text\":\"again\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> other.requests.size() == 1);
        assertThat(receiver.requests).hasSize(before);
    }

    @Test
    void reEnablingADisabledWebhookDeliversAgain() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        long id = register(c2d, receiver.url("/hook"), "[\"inbox\"]");
        c2d.api("PUT", "/webhooks/" + id, "{\"status\":\"disable\"}");
        c2d.clientWrites("{\"text\":\"not delivered\"}");

        c2d.api("PUT", "/webhooks/" + id, "{\"status\":\"enable\"}");
        c2d.clientWrites("{\"text\":\"delivered\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 1);
        assertThat(receiver.requests).extracting(r -> json(r.body()).path("text").asText()).containsExactly("delivered");
    }

    @Test
    void anArbitraryEventIsDeliveredAsGiven() throws Exception {
        SandboxClient c2d = sandbox(0.001);
        Receiver receiver = receiver(200);
        register(c2d, receiver.url("/hook"), "[\"new_request\",\"operator_status_changed\"]");

        c2d.control("POST", "/events", "{\"token\":\"" + TOKEN + "\",\"hookType\":\"new_request\",\"request_id\":7,"
                + "\"client_id\":3,\"type\":\"rating\"}");
        c2d.control("POST", "/events", "{\"hookType\":\"operator_status_updated\",\"id\":\"41165\",\"online\":0}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 2);
        JsonNode first = json(receiver.requests.get(0).body());
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("request_id", "client_id", "type", "hook_type", "event_time");
        assertThat(first.path("hook_type").asText()).isEqualTo("new_request");
        assertThat(json(receiver.requests.get(1).body()).path("hook_type").asText()).isEqualTo("operator_status_updated");
    }

    @Test
    void aResetForgetsWebhooksAndTheDeliveryLog() throws Exception {
        SandboxClient c2d = sandbox(1.0); // the first retry would come 10 s later, after the reset
        Receiver receiver = receiver(500);
        register(c2d, receiver.url("/hook"), "[\"inbox\"]");
        c2d.clientWrites("{\"text\":\"hello\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() == 1);

        c2d.control("POST", "/reset", null);

        assertThat(c2d.control("GET", "/deliveries", null).json()).isEmpty();
        assertThat(c2d.get("/webhooks").data()).isEmpty();
    }
}
