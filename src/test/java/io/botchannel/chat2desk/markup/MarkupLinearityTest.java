package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile text translates in time linear in its length. Each case is translated at 64 KB and at 1 MB in the same
 * run, and the processor time this thread spent on each is compared: a linear scanner needs about 16 times as
 * much for 16 times the text, anything quadratic about 256 times. The bar sits at 64, four times away from each,
 * so neither the JIT nor another process on the machine can decide the outcome (the time is this thread's own, and
 * each size keeps its fastest of several runs). How fast the translator is belongs to the JMH benchmark in bench/.
 */
class MarkupLinearityTest {

    private static final int MEGABYTE = 1 << 20;
    private static final int SLICE = MEGABYTE / 16;
    private static final double LINEAR_RATIO = 16;
    private static final double BAR = 4 * LINEAR_RATIO;
    private static final int RUNS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        assertThat(THREADS.isCurrentThreadCpuTimeSupported()).as("this JVM measures a thread's processor time").isTrue();
        MarkupTranslator translator = MarkupTranslator.fromDefaults();
        String slice = input.substring(0, SLICE);
        // The first runs compile the scanner; they count as much as the later ones would
        cpuNanos(translator, slice);

        long small = cpuNanos(translator, slice);
        long large = cpuNanos(translator, input);

        double ratio = (double) large / Math.max(small, 1);
        assertThat(ratio).as("processor time of 1 MB over 64 KB of %s (%d ns / %d ns)", name, large, small)
                .isLessThan(BAR);
    }

    /** The least processor time of a few runs translating the text for WhatsApp and for SMS. */
    private static long cpuNanos(MarkupTranslator translator, String text) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            long start = THREADS.getCurrentThreadCpuTime();
            String whatsapp = translator.translate(text, "whatsapp");
            String sms = translator.translate(text, "sms");
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
            assertThat(whatsapp).isNotEmpty();
            assertThat(sms).isNotEmpty();
        }
        return best;
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
