package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile text translates with work linear in its length. Each case is parsed at 64 KB and at 1 MB, and the
 * parser's work is counted ({@link MarkupParser#work}: the characters the scanner reads, look-aheads included,
 * the tokens, the open frames looked at, the characters moved back): a linear parser does about 16 times as
 * much for 16 times the text, anything quadratic about 256 times. The counts are the same on every run and
 * every machine, whatever else it is busy with. Each count has a budget, a fixed amount of work per character,
 * past which the parse stops: a parser gone quadratic fails here at once instead of taking hours over a
 * megabyte. How fast the translator is belongs to the JMH benchmark in bench/.
 */
class MarkupLinearityTest {

    private static final int MEGABYTE = 1 << 20;
    private static final int SLICE = MEGABYTE / 16;
    private static final double LINEAR_RATIO = 16;
    /** Room for a slice that ends in the middle of a piece, far below what anything quadratic needs. */
    private static final double BAR = 1.25 * LINEAR_RATIO;
    /** Work per character: the scanner reads each about twice, and a frame never closed moves its text back. */
    private static final int PER_CHARACTER = 2 * MarkupParser.MAX_DEPTH;

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
    void sixteenTimesTheTextTakesAboutSixteenTimesTheWork(String name, String input) {
        String slice = input.substring(0, SLICE);

        long small = work(name, slice);
        long large = work(name, input);

        assertThat((double) large / small).as("work on 1 MB over 64 KB of %s (%d / %d)", name, large, small)
                .isLessThan(BAR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMegabytes")
    void aMegabyteIsTranslatedForEveryStyle(String name, String input) {
        MarkupTranslator translator = MarkupTranslator.fromDefaults();
        // Within its budget, so that a quadratic parser fails here rather than translate for hours
        work(name, input);

        assertThat(translator.translate(input, "whatsapp")).isNotEmpty();
        assertThat(translator.translate(input, "sms")).isNotEmpty();
        assertThat(translator.fallbacks()).as("texts of %s sent with their markup as written", name).isZero();
    }

    /** The parser's work on the text, asserted to stay within the budget of its length. */
    private static long work(String name, String text) {
        long budget = (long) PER_CHARACTER * text.length();
        long work = MarkupParser.work(text, budget);
        assertThat(work).as("work on %d characters of %s", text.length(), name).isLessThanOrEqualTo(budget);
        return work;
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
