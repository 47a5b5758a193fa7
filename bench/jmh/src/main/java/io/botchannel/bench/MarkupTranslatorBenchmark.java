package io.botchannel.bench;

import java.util.concurrent.TimeUnit;

import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code MarkupTranslator#translate} with the shipped per-transport table: a reply with no markup
 * (the fast path), a typical short reply with every kind of markup, and a long reply (about 2 KB)
 * mixing markup, URLs, e-mail addresses and snake_case words; on WhatsApp (markers rewritten) and
 * on SMS (plain text).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarkupTranslatorBenchmark {

    private static final String SHORT = "Hi *there*, __see__ [site](https://x.example) and *__this__*";
    private static final String PLAIN = "Thank you, your order 12345 is on its way and arrives tomorrow.";
    private static final String LONG = ("Your *order* __12345__ is ready: see [the details](https://shop.example/orders/12345?x=a_b_c)"
            + " or write to support_team@example.com; keep snake_case_names and 2*3*4 as they are. *__Thanks__*, _the shop_.\n")
            .repeat(8);

    @Param({"plain", "short", "long"})
    public String text;

    @Param({"whatsapp", "sms"})
    public String transport;

    private MarkupTranslator translator;
    private String input;

    @Setup
    public void setUp() {
        translator = MarkupTranslator.fromDefaults();
        input = switch (text) {
            case "plain" -> PLAIN;
            case "short" -> SHORT;
            default -> LONG;
        };
    }

    @Benchmark
    public String translate() {
        return translator.translate(input, transport);
    }
}
