package io.botchannel.chat2desk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-key";
    private final TokenCipher cipher = TokenCipher.fromKey(KEY);

    @Test
    void aSealedTokenOpensToTheTokenAndDoesNotContainIt() {
        String sealed = cipher.seal("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "channel-1");

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assertThat(cipher.open(sealed, "channel-1")).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    }

    @Test
    void eachValueGetsItsOwnIv() {
        assertThat(cipher.seal("same-token", "channel-1")).isNotEqualTo(cipher.seal("same-token", "channel-1"));
    }

    @Test
    void aValueMovedToAnotherChannelDoesNotOpen() {
        String sealed = cipher.seal("token", "channel-1");

        assertThatThrownBy(() -> cipher.open(sealed, "channel-2")).isInstanceOf(StoreException.class)
                .hasMessageContaining("channel-2").hasMessageContaining("channel.store.key");
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        String sealed = cipher.seal("token", "channel-1");

        assertThatThrownBy(() -> TokenCipher.fromKey(KEY + "-other").open(sealed, "channel-1"))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void plaintextValuesAreReadAsTheyAre() {
        assertThat(cipher.open("a-plain-token", "channel-1")).isEqualTo("a-plain-token");
        assertThat(TokenCipher.NONE.seal("a-plain-token", "channel-1")).isEqualTo("a-plain-token");
    }

    @Test
    void noKeyMeansNoEncryptionAndAShortKeyIsRefused() {
        assertThat(TokenCipher.fromKey("").encrypts()).isFalse();
        assertThat(TokenCipher.fromKey(null).encrypts()).isFalse();
        assertThatThrownBy(() -> TokenCipher.fromKey("too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel.store.key must be at least 32 characters");
    }
}
