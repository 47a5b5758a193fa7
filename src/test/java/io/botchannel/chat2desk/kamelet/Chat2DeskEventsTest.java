package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

/** chat2desk-source takes only events signed with the key it was given: the token's, or the key itself. */
class Chat2DeskEventsTest {

    private static final String TOKEN = "company-token-0123456789";
    private static final byte[] EVENT = "{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":2}"
            .getBytes(StandardCharsets.UTF_8);

    private static Map<String, Object> signedWith(String key) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        return Map.of("X-Signature", WebhookSignature.sign(key, EVENT, timestamp), "X-Timestamp", timestamp);
    }

    private static Chat2DeskEvents source(String token, String signatureKey, boolean requireSignature) {
        Chat2DeskEvents events = new Chat2DeskEvents();
        events.setToken(token);
        events.setSignatureKey(signatureKey);
        events.setRequireSignature(requireSignature);
        events.check();
        return events;
    }

    @Test
    void theTokenOrItsSigningKeyChecksTheEventsAndAnUnsignedOneIsRefused() {
        String key = WebhookSignature.keyFor(TOKEN);
        for (Chat2DeskEvents source : List.of(source(TOKEN, null, true), source(null, key.toUpperCase(), true))) {
            assertThat(source.read(signedWith(key), EVENT).messageId()).isEqualTo(1L);
            assertThatThrownBy(() -> source.read(Map.of(), EVENT)).isInstanceOf(ApiError.class)
                    .hasMessageStartingWith("signature: ");
            assertThatThrownBy(() -> source.read(signedWith(WebhookSignature.keyFor("another")), EVENT))
                    .isInstanceOf(ApiError.class).hasMessageStartingWith("signature: ");
        }
        // turned off on purpose, an unsigned event is taken; a wrongly signed one still is not
        assertThat(source(TOKEN, null, false).read(Map.of(), EVENT).messageId()).isEqualTo(1L);
        assertThatThrownBy(() -> source(TOKEN, null, false).read(signedWith(WebhookSignature.keyFor("x")), EVENT))
                .isInstanceOf(ApiError.class);
    }

    @Test
    void withoutAKeyToCheckWithTheSourceIsNotMade() {
        assertThatThrownBy(() -> source(null, null, true)).hasMessageStartingWith("token: required (or signatureKey)");
        assertThatThrownBy(() -> source(" ", "", false)).hasMessageStartingWith("token: required (or signatureKey)");
        assertThatThrownBy(() -> source(TOKEN, WebhookSignature.keyFor(TOKEN), true))
                .hasMessageStartingWith("signatureKey: give the token or the signatureKey, not both");
        assertThatThrownBy(() -> source(null, TOKEN, true))
                .hasMessage("signatureKey: must be the 32 hex digits of the token's MD5");
    }
}
