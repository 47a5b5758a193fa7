package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

class TokenMaskTest {

    @Test
    void showsOnlyTheLastFourCharactersOfALongToken() {
        assertThat(TokenMask.mask("0123456789abcdef")).isEqualTo("****cdef");
    }

    @Test
    void showsNothingOfAShortToken() {
        assertThat(TokenMask.mask("abc12")).isEqualTo("****");
        assertThat(TokenMask.mask("")).isEmpty();
        assertThat(TokenMask.mask(null)).isEmpty();
    }

    @Test
    void aTextFromTheOtherSideShowsTheTokenAndItsSigningKeyMasked() {
        String token = "0123456789abcdef";
        String quoted = "Token " + token + " is not correct (key " + WebhookSignature.keyFor(token) + ")";

        assertThat(TokenMask.hide(quoted, token)).isEqualTo("Token ****cdef is not correct (key ****)");
        assertThat(TokenMask.hide("nothing to hide", token)).isEqualTo("nothing to hide");
        assertThat(TokenMask.hide(quoted, null)).isEqualTo(quoted);
    }
}
