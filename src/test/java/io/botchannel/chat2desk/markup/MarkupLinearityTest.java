package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A megabyte of hostile text translates quickly. The scanner is linear and, once compiled, translates such a
 * megabyte in tens of milliseconds; anything quadratic would need minutes to hours. The bound is deliberately
 * generous, 2 s, so that a busy CI machine or a garbage collection cannot make the test flaky while a quadratic
 * slip still fails it by far.
 */
class MarkupLinearityTest {

    private static final Duration GENEROUS = Duration.ofSeconds(2);
    private static final int MEGABYTE = 1 << 20;

    static Stream<Arguments> hostileMegabytes() {
        return Stream.of(
                Arguments.of("star underscore", megabyteOf("*_")),
                Arguments.of("openers", megabyteOf("*a ")),
                Arguments.of("closers", megabyteOf("a* ")),
                Arguments.of("mixed openers", megabyteOf("_a *a __a [a *__a ")),
                Arguments.of("unclosed brackets", megabyteOf("[")),
                Arguments.of("unclosed links", megabyteOf("[a](")),
                Arguments.of("link tails without space", megabyteOf("](a")),
                Arguments.of("lone closing brackets", megabyteOf("]")),
                Arguments.of("scheme-like words", megabyteOf("a.")),
                Arguments.of("e-mail-like words", megabyteOf("a_")),
                Arguments.of("at signs", megabyteOf("a@b")),
                Arguments.of("one long URL", "*x* https://x.example/" + repeated("a_*")),
                Arguments.of("URL with a marker tail", "*x* https://x.example/" + repeated("*_.")),
                Arguments.of("marker runs between punctuation", megabyteOf("*_.")),
                Arguments.of("one long e-mail local part", megabyteOf("a_") + "@x.example"),
                Arguments.of("real markup", megabyteOf("*__x__* _y_ [z](https://x.example) ")),
                Arguments.of("walls of brackets", megabyteOf("[".repeat(31) + "*a ".repeat(40) + "]".repeat(31))),
                Arguments.of("random", randomMegabyte()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMegabytes")
    void aHostileMegabyteTranslatesWithinTheBound(String name, String input) {
        MarkupTranslator translator = MarkupTranslator.fromDefaults();
        // A few small runs first let the JIT compile the scanner, so that the bound measures the algorithm
        // rather than the interpreter (cold, the same megabyte takes ten times longer)
        String slice = input.substring(0, 64 * 1024);
        for (int i = 0; i < 3; i++) {
            translator.translate(slice, "whatsapp");
            translator.translate(slice, "sms");
        }
        String[] outputs = assertTimeoutPreemptively(GENEROUS, () -> new String[] {
                translator.translate(input, "whatsapp"), translator.translate(input, "sms")});
        assertThat(outputs[0]).isNotEmpty();
        assertThat(outputs[1]).isNotEmpty();
    }

    /** Starts with real markup so that the translator cannot skip the text as having nothing to translate. */
    private static String megabyteOf(String piece) {
        return "*x* " + repeated(piece);
    }

    private static String repeated(String piece) {
        return piece.repeat(MEGABYTE / piece.length() + 1);
    }

    private static String randomMegabyte() {
        String alphabet = "**__[]() abc.@/:";
        Random random = new Random(5);
        StringBuilder out = new StringBuilder(MEGABYTE);
        while (out.length() < MEGABYTE) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
