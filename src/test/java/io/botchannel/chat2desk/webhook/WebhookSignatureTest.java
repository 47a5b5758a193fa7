package io.botchannel.chat2desk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** Chat2Desk's own inbox example, compact, exactly as signed in the test vector. */
    private static final String VECTOR_BODY = "{\"message_id\":28780,\"type\":\"from_client\",\"text\":\"test7\","
            + "\"transport\":\"widget\",\"client_id\":12568,\"operator_id\":null,\"dialog_id\":942,\"channel_id\":1,"
            + "\"photo\":null,\"coordinates\":null,\"audio\":null,\"pdf\":null,"
            + "\"client\":{\"id\":12568,\"phone\":\"[chat] 1d0bb2e221762cfcc05c\",\"client_phone\":null,"
            + "\"name\":\"[chat] 1d0bb2e221762cfcc05c\",\"assigned_name\":null,\"external_id\":null},"
            + "\"hook_type\":\"inbox\",\"request_id\":5357,\"attachments\":[],\"is_new_request\":false,"
            + "\"is_new_client\":false,\"insta_comment\":false,\"extra_data\":{},\"is_new\":true,"
            + "\"event_time\":\"2025-04-03T11:50:06.984494Z\"}";
    private static final String VECTOR_TIMESTAMP = "1743681006";
    private static final long NOW = 1743681006L;

    private static final String TOKEN = "company-token";
    private static final byte[] BODY = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signatures = at(NOW + 10);

    private static WebhookSignature at(long epochSecond) {
        return new WebhookSignature("X-Signature", "X-Timestamp",
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static Map<String, Object> signed(String token, byte[] body, String timestamp) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("X-Signature", WebhookSignature.sign(WebhookSignature.keyFor(token), body, timestamp));
        headers.put("X-Timestamp", timestamp);
        return headers;
    }

    private static ApiError refusal(Runnable call) {
        ApiError error = catchThrowableOfType(ApiError.class, call::run);
        assertThat(error).as("refused").isNotNull();
        assertThat(error.getStatus()).isEqualTo(401);
        assertThat(error.getMessage()).startsWith("signature: ");
        return error;
    }

    @Test
    void computesChat2DesksTestVector() {
        assertThat(WebhookSignature.sign("md5_api_token", BODY, VECTOR_TIMESTAMP))
                .isEqualTo("88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595");
    }

    @Test
    void theKeyIsTheLowercaseHexMd5OfTheToken() {
        assertThat(WebhookSignature.keyFor("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(WebhookSignature.keyFor("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void aCorrectRecentSignatureIsAccepted() {
        assertThatCode(() -> signatures.check(TOKEN, true, signed(TOKEN, BODY, VECTOR_TIMESTAMP), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void aWrongSignatureIsRefused() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        headers.put("X-Signature", "88b574d8237e1b7740f88102018b734d3dd5bc6803c509a3694eff9721b0c595");

        assertThat(refusal(() -> signatures.check(TOKEN, false, headers, BODY)).getMessage())
                .contains("does not match");
    }

    @Test
    void aSignatureMadeWithAnotherTokenIsRefused() {
        Map<String, Object> headers = signed("another-token", BODY, VECTOR_TIMESTAMP);

        refusal(() -> signatures.check(TOKEN, false, headers, BODY));
    }

    @Test
    void aChangedBodyOrTimestampIsRefused() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        byte[] changed = VECTOR_BODY.replace("test7", "test8").getBytes(StandardCharsets.UTF_8);
        refusal(() -> signatures.check(TOKEN, false, headers, changed));

        headers.put("X-Timestamp", String.valueOf(NOW + 1));
        refusal(() -> signatures.check(TOKEN, false, headers, BODY));
    }

    @Test
    void aTimestampOlderThanFiveMinutesIsRefusedAsAReplay() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);

        assertThatCode(() -> at(NOW + 300).check(TOKEN, false, headers, BODY)).doesNotThrowAnyException();
        assertThat(refusal(() -> at(NOW + 301).check(TOKEN, false, headers, BODY)).getMessage())
                .contains("more than 5 minutes old");
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRefused() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);

        assertThatCode(() -> at(NOW - 300).check(TOKEN, false, headers, BODY)).doesNotThrowAnyException();
        assertThat(refusal(() -> at(NOW - 301).check(TOKEN, false, headers, BODY)).getMessage())
                .contains("in the future");
    }

    @Test
    void anUnsignedWebhookPassesOnlyWhereSignaturesAreNotRequired() {
        assertThatCode(() -> signatures.check(TOKEN, false, Map.of(), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> signatures.check(TOKEN, false, Map.of("X-Signature", " ", "X-Timestamp", ""), BODY))
                .doesNotThrowAnyException();

        assertThat(refusal(() -> signatures.check(TOKEN, true, Map.of(), BODY)).getMessage())
                .contains("signed webhooks only").contains("X-Signature").contains("X-Timestamp");
    }

    @Test
    void halfASignatureIsRefusedEvenWhereSignaturesAreNotRequired() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);

        assertThat(refusal(() -> signatures.check(TOKEN, false, Map.of("X-Signature", headers.get("X-Signature")), BODY))
                .getMessage()).contains("X-Timestamp is missing");
        assertThat(refusal(() -> signatures.check(TOKEN, false, Map.of("X-Timestamp", VECTOR_TIMESTAMP), BODY))
                .getMessage()).contains("X-Signature is missing");
    }

    @Test
    void aTimestampThatIsNotUnixSecondsIsRefused() {
        for (String timestamp : List.of("2025-04-03T11:50:06Z", "1743681006.5", "-1743681006", "0x67ee74ee",
                "1743681006000000000000")) {
            Map<String, Object> headers = signed(TOKEN, BODY, timestamp);

            assertThat(refusal(() -> signatures.check(TOKEN, false, headers, BODY)).getMessage())
                    .as(timestamp).contains("must be unix seconds");
        }
    }

    @Test
    void headerNamesMatchInAnyCase() {
        Map<String, Object> signed = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        Map<String, Object> headers = Map.of("x-signature", signed.get("X-Signature"), "X-TIMESTAMP", VECTOR_TIMESTAMP);

        assertThatCode(() -> signatures.check(TOKEN, true, headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void uppercaseHexIsTheSameSignature() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        headers.put("X-Signature", headers.get("X-Signature").toString().toUpperCase());

        assertThatCode(() -> signatures.check(TOKEN, true, headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void headerNamesAreConfigurable() {
        WebhookSignature custom = new WebhookSignature("X-C2D-Signature", "X-C2D-Time",
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        Map<String, Object> signed = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        Map<String, Object> headers = Map.of("X-C2D-Signature", signed.get("X-Signature"), "X-C2D-Time", VECTOR_TIMESTAMP);

        assertThatCode(() -> custom.check(TOKEN, true, headers, BODY)).doesNotThrowAnyException();
        // the default names mean nothing to it
        assertThat(refusal(() -> custom.check(TOKEN, true, signed, BODY)).getMessage()).contains("X-C2D-Signature");
    }

    @Test
    void aSignatureHeaderSentTwiceIsRefused() {
        Map<String, Object> headers = signed(TOKEN, BODY, VECTOR_TIMESTAMP);
        headers.put("X-Signature", List.of(headers.get("X-Signature"), "0".repeat(64)));

        assertThat(refusal(() -> signatures.check(TOKEN, false, headers, BODY)).getMessage()).contains("more than once");
    }

    @Test
    void theSignatureCoversTheBytesReceivedNotTheirDecoding() {
        // Not UTF-8: decoding replaces the bad bytes, and the decoded text is no longer what was signed
        byte[] raw = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        Map<String, Object> headers = signed(TOKEN, raw, VECTOR_TIMESTAMP);

        assertThatCode(() -> signatures.check(TOKEN, true, headers, raw)).doesNotThrowAnyException();
        byte[] decoded = new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        refusal(() -> signatures.check(TOKEN, true, headers, decoded));
    }

    @Test
    void anEmptyBodyCanBeSignedToo() {
        Map<String, Object> headers = signed(TOKEN, new byte[0], VECTOR_TIMESTAMP);

        assertThatCode(() -> signatures.check(TOKEN, true, headers, null)).doesNotThrowAnyException();
    }
}
