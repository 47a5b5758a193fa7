package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;

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
}
