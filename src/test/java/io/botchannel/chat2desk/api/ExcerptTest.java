package io.botchannel.chat2desk.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void anAnswerBecomesOneLineWithItsSpacesFolded() {
        assertThat(Excerpt.of("Token is not correct\r\nERROR forged\u2028line\t\u0000 \u202eend  ")).isEqualTo(
                "Token is not correct ERROR forged line end");
        assertThat(Excerpt.of("\n\n  {\"status\":\"error\"}")).isEqualTo("{\"status\":\"error\"}");
        assertThat(Excerpt.of(null)).isEmpty();
    }

    /** The length a reader of the log or of a dead letter sees, written out rather than read from the code. */
    private static final int SHOWN = 200;

    @Test
    void aLongAnswerIsCutWithoutSplittingACharacter() {
        assertThat(Excerpt.of("x".repeat(5000))).isEqualTo("x".repeat(SHOWN) + "...");
        assertThat(Excerpt.of("x".repeat(SHOWN))).isEqualTo("x".repeat(SHOWN));
        String cut = Excerpt.of("x".repeat(SHOWN - 1) + "\uD83D\uDE00" + "y".repeat(10));
        assertThat(cut).isEqualTo("x".repeat(SHOWN - 1) + "...");
    }

    @Test
    void theTokenACallCarriedIsMasked() {
        assertThat(Excerpt.of("bad token 0123456789abcdef, try again", "0123456789abcdef"))
                .isEqualTo("bad token ****cdef, try again");
    }
}
