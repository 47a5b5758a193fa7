package io.botchannel.chat2desk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.botchannel.chat2desk.api.ApiError;
import org.junit.jupiter.api.Test;

/** What the webhook reader refuses of the bytes it is given, and why. */
class WebhookBodiesTest {

    private static final String INBOX = "{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":2,\"text\":\"%s\"}";

    private final WebhookEvents events = new WebhookEvents();

    private String refusal(byte[] body) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> events.read(body));
        assertThat(error).as("refused").isNotNull();
        assertThat(error.getStatus()).isEqualTo(400);
        return error.getMessage();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsUtf8AsItIs() {
        WebhookEvent event = events.read(utf8(INBOX.formatted("Привет, café 👋")));

        assertThat(event.text()).isEqualTo("Привет, café 👋");
        assertThat(event.body()).isEqualTo(INBOX.formatted("Привет, café 👋"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedRatherThanReplaced() {
        byte[] latin1 = INBOX.formatted("café").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(refusal(latin1)).isEqualTo("body: not valid UTF-8");
        assertThat(refusal(new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'})).isEqualTo("body: not valid UTF-8");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThat(refusal(null)).startsWith("body:");
        assertThat(refusal(new byte[0])).startsWith("body:");
    }

    @Test
    void aSecondValueAfterTheEventIsRefused() {
        assertThat(refusal(utf8(INBOX.formatted("x") + "{\"hook_type\":\"inbox\"}"))).startsWith("body: not valid JSON");
        assertThat(refusal(utf8(INBOX.formatted("x") + "}"))).startsWith("body: not valid JSON");
    }

    @Test
    void jsonBeyondItsLimitsIsRefusedSayingWhichTheyAre() {
        String atDepth64 = "{\"hook_type\":\"close_dialog\",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}";
        assertThat(events.read(utf8(atDepth64)).hookType()).isEqualTo("close_dialog");
        for (String beyond : new String[] {
                "{\"hook_type\":\"close_dialog\",\"x\":" + "[".repeat(64) + "]".repeat(64) + "}",
                "{\"hook_type\":\"inbox\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "{\"hook_type\":\"close_dialog\",\"x\":" + "1".repeat(101) + "}",
                "{\"hook_type\":\"close_dialog\",\"" + "k".repeat(1001) + "\":1}"}) {
            assertThat(refusal(utf8(beyond))).as(beyond.substring(0, 40)).isEqualTo("body: beyond the JSON limits:"
                    + " at most 64 levels of nesting, 1048576 characters in a string, 1000 in a field name,"
                    + " 100 digits in a number");
        }
    }

    @Test
    void negativeIdsAreRefused() {
        assertThat(refusal(utf8("{\"hook_type\":\"inbox\",\"message_id\":-1,\"client_id\":2}"))).startsWith("message_id:");
        assertThat(refusal(utf8("{\"hook_type\":\"close_dialog\",\"dialog_id\":-5}"))).startsWith("dialog_id:");
    }

    @Test
    void eventNamesAreChat2DesksOwnAndTransportsAreShort() {
        for (String event : WebhookEvent.HOOK_TYPES) {
            String body = "{\"hook_type\":\"" + event + "\",\"message_id\":1,\"client_id\":2}";
            assertThat(events.read(utf8(body)).hookType()).isEqualTo(event);
        }
        // a name is either one of Chat2Desk's events or refused, never taken on to the log or the Agent
        for (String name : List.of("e".repeat(64), "INBOX", "inbox ", "inbox\\nERROR forged-by-a-client", "входящее")) {
            assertThat(refusal(utf8("{\"hook_type\":\"" + name + "\",\"message_id\":1,\"client_id\":2}"))).as(name)
                    .isEqualTo("hook_type: not an event Chat2Desk sends");
        }
        assertThat(refusal(utf8("{\"hook_type\":\"" + "e".repeat(65) + "\"}"))).startsWith("hook_type: at most 64");
        assertThat(refusal(utf8("{\"hook_type\":\"outbox\",\"transport\":\"" + "t".repeat(65) + "\"}")))
                .startsWith("transport: at most 64");
    }
}
