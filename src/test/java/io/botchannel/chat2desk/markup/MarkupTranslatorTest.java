package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import io.botchannel.chat2desk.LogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the Agent writes and what a WhatsApp chat and an SMS chat receive. */
class MarkupTranslatorTest {

    private final MarkupTranslator translator = MarkupTranslator.fromDefaults();

    /** Text left as written because translating failed would pass every example that expects it unchanged. */
    @AfterEach
    void everyTextWasTranslated() {
        assertThat(translator.fallbacks()).as("texts sent with their markup as written").isZero();
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                // input, WhatsApp, plain (SMS)

                // the examples of the markup rules in docs/agent-api.md
                Arguments.of("Hi *there*, __see__ [site](https://x.example)",
                        "Hi _there_, *see* site (https://x.example)", "Hi there, see site (https://x.example)"),
                Arguments.of("*__x__*", "*_x_*", "x"),
                Arguments.of("[https://x.example](https://x.example)", "https://x.example", "https://x.example"),

                // each marker alone
                Arguments.of("*x*", "_x_", "x"),
                Arguments.of("_x_", "_x_", "x"),
                Arguments.of("__x__", "*x*", "x"),
                Arguments.of("a *b c* d", "a _b c_ d", "a b c d"),
                Arguments.of("__two words__", "*two words*", "two words"),
                Arguments.of("__*x*__", "*_x_*", "x"),
                Arguments.of("*__bold italics__* and _italics_", "*_bold italics_* and _italics_",
                        "bold italics and italics"),
                Arguments.of("(*x*), \"__y__\".", "(_x_), \"*y*\".", "(x), \"y\"."),
                Arguments.of("*x*\n__y__", "_x_\n*y*", "x\ny"),
                Arguments.of("*Привет*, __мир__", "_Привет_, *мир*", "Привет, мир"),

                // a backslash shows a marker or bracket as written; elsewhere it is text
                Arguments.of("\\*x\\*", "*x*", "*x*"),
                Arguments.of("\\_\\_init\\_\\_.py *y*", "__init__.py _y_", "__init__.py y"),
                Arguments.of("\\[a\\](https://x.example)", "[a](https://x.example)", "[a](https://x.example)"),
                Arguments.of("a\\b *c*", "a\\b _c_", "a\\b c"),
                Arguments.of("\\\\*c*", "\\*c*", "\\*c*"),

                // nesting
                Arguments.of("__bold *it* more__", "*bold _it_ more*", "bold it more"),
                Arguments.of("__bold *it*__", "*bold _it_*", "bold it"),
                Arguments.of("*a *b* c*", "_a b c_", "a b c"),
                Arguments.of("*a _b_ c*", "_a b c_", "a b c"),
                Arguments.of("_a_b_", "_a_b_", "a_b"),

                // links
                Arguments.of("[site](https://x.example)", "site (https://x.example)", "site (https://x.example)"),
                Arguments.of("[*site*](https://x.example)", "_site_ (https://x.example)", "site (https://x.example)"),
                Arguments.of("*see [site](https://x.example)*", "_see site (https://x.example)_",
                        "see site (https://x.example)"),
                Arguments.of("[](https://x.example)", "https://x.example", "https://x.example"),
                Arguments.of("[https://x.example/](https://x.example)", "https://x.example/ (https://x.example)",
                        "https://x.example/ (https://x.example)"),
                Arguments.of("[call us](tel:+123)", "call us (tel:+123)", "call us (tel:+123)"),
                Arguments.of("[a_b](https://x.example/a_b)", "a_b (https://x.example/a_b)",
                        "a_b (https://x.example/a_b)"),
                Arguments.of("[a [b](u) c](v)", "a b (u) c (v)", "a b (u) c (v)"),
                Arguments.of("[a] [b](u)", "[a] b (u)", "[a] b (u)"),
                Arguments.of("[Foo](https://en.wikipedia.org/wiki/Foo_(bar))",
                        "Foo (https://en.wikipedia.org/wiki/Foo_(bar))", "Foo (https://en.wikipedia.org/wiki/Foo_(bar))"),

                // words with underscores and stars stay
                Arguments.of("snake_case_name", "snake_case_name", "snake_case_name"),
                Arguments.of("my__var__name", "my__var__name", "my__var__name"),
                Arguments.of("use my_var and your_var", "use my_var and your_var", "use my_var and your_var"),
                Arguments.of("2*3*4", "2*3*4", "2*3*4"),
                Arguments.of("*x*y", "*x*y", "*x*y"),
                Arguments.of("_private and _protected", "_private and _protected", "_private and _protected"),
                // a free-standing dunder is exactly the Agent's bold syntax
                Arguments.of("__init__", "*init*", "init"),

                // URLs and e-mail addresses stay
                Arguments.of("https://x.example/a_b_c?q=*x*", "https://x.example/a_b_c?q=*x*",
                        "https://x.example/a_b_c?q=*x*"),
                Arguments.of("see https://x.example/a_b_c?q=*x* now", "see https://x.example/a_b_c?q=*x* now",
                        "see https://x.example/a_b_c?q=*x* now"),
                Arguments.of("*see* https://x.example/_a_/ and *this*", "_see_ https://x.example/_a_/ and _this_",
                        "see https://x.example/_a_/ and this"),
                Arguments.of("go to www.my_site.example/*x*", "go to www.my_site.example/*x*",
                        "go to www.my_site.example/*x*"),
                Arguments.of("_see https://x.example_", "_see https://x.example_", "see https://x.example"),
                Arguments.of("(https://x.example/_x_)", "(https://x.example/_x_)", "(https://x.example/_x_)"),
                Arguments.of("tg://resolve?domain=my_bot_", "tg://resolve?domain=my_bot_",
                        "tg://resolve?domain=my_bot_"),
                Arguments.of("first_last@example.com", "first_last@example.com", "first_last@example.com"),
                Arguments.of("write to _first_@example.com_", "write to _first_@example.com_",
                        "write to first_@example.com"),
                Arguments.of("a._b_@example.com", "a._b_@example.com", "a._b_@example.com"),
                Arguments.of("mailto:first__last__@example.com", "mailto:first__last__@example.com",
                        "mailto:first__last__@example.com"),
                Arguments.of("*mail* x_y@example.com.", "_mail_ x_y@example.com.", "mail x_y@example.com."),

                // unclosed, empty and foreign markers stay
                Arguments.of("2 * 3 = 6", "2 * 3 = 6", "2 * 3 = 6"),
                Arguments.of("a _b", "a _b", "a _b"),
                Arguments.of("*a", "*a", "*a"),
                Arguments.of("a*", "a*", "a*"),
                Arguments.of("**", "**", "**"),
                Arguments.of("__", "__", "__"),
                Arguments.of("a ** b __ c", "a ** b __ c", "a ** b __ c"),
                Arguments.of("* item", "* item", "* item"),
                Arguments.of("*x *", "*x *", "*x *"),
                Arguments.of("**x**", "**x**", "**x**"),
                Arguments.of("___x___", "___x___", "___x___"),
                Arguments.of("__x_", "__x_", "__x_"),
                Arguments.of("*a_*", "*a_*", "*a_*"),
                Arguments.of("*x* *y", "_x_ *y", "x *y"),
                Arguments.of("[a](", "[a](", "[a]("),
                Arguments.of("[a](b", "[a](b", "[a](b"),
                Arguments.of("[a]( b)", "[a]( b)", "[a]( b)"),
                Arguments.of("[a]()", "[a]()", "[a]()"),
                Arguments.of("[a]([b](u)", "[a](b (u)", "[a](b (u)"),
                Arguments.of("a](b)", "a](b)", "a](b)"),
                Arguments.of("[*a] b*", "[*a] b*", "[*a] b*"),
                Arguments.of("*a [b* c](u)", "*a b* c (u)", "*a b* c (u)"),
                Arguments.of("*a [b] c*", "_a [b] c_", "a [b] c"),
                // closed in the opening order: the star pairs, the double underscore it skipped stays literal
                Arguments.of("*__x*__", "___x___", "__x__"),
                Arguments.of("_*x_*", "_*x_*", "*x*"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void whatsAppShowsItsOwnMarkers(String input, String whatsApp, String plain) {
        assertThat(translator.translate(input, "whatsapp")).isEqualTo(whatsApp);
        assertThat(translator.translate(input, "viber")).isEqualTo(whatsApp);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void otherTransportsGetPlainText(String input, String whatsApp, String plain) {
        assertThat(translator.translate(input, "sms")).isEqualTo(plain);
        assertThat(translator.translate(input, "telegram")).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Hello", "plain text, no markup at all.", "a (b) c", "x]y", "2 + 2 = 4",
            "snake_case_name", "2 * 3 = 6", "https://x.example/a_b_c?q=*x*", "first_last@example.com", "**", "[a]("})
    void textWithNothingToTranslateIsTheSameString(String input) {
        assertThat(translator.translate(input, "whatsapp")).isSameAs(input);
        assertThat(translator.translate(input, "sms")).isSameAs(input);
    }

    @Test
    void nullStaysNull() {
        assertThat(translator.translate(null, "whatsapp")).isNull();
        assertThat(translator.translate(null, null)).isNull();
    }

    @Test
    void unknownMissingAndDifferentlyCasedTransports() {
        String input = "*x*";
        assertThat(translator.translate(input, "WhatsApp")).isEqualTo("_x_");
        assertThat(translator.translate(input, " wa_dialog ")).isEqualTo("_x_");
        assertThat(translator.translate(input, "no_such_transport")).isEqualTo("x");
        assertThat(translator.translate(input, null)).isEqualTo("x");
        assertThat(translator.translate(input, "")).isEqualTo("x");
    }

    @Test
    void aFailingStyleLeavesTheTextAsWrittenCountedAndLoggedOncePerCauseWithTheChannel() {
        MarkupStyle broken = message -> {
            throw new IllegalStateException("a bug in a style");
        };
        MarkupTranslator withBrokenStyle = new MarkupTranslator(Map.of("whatsapp", "broken"), null,
                Map.of("broken", broken));

        try (LogLines log = LogLines.capture()) {
            assertThat(withBrokenStyle.translate("*private words*", "whatsapp", "channel-7"))
                    .isEqualTo("*private words*");
            assertThat(withBrokenStyle.translate("_more_", "whatsapp", "channel-7")).isEqualTo("_more_");
            assertThat(withBrokenStyle.translate("*fine*", "sms", "channel-7")).isEqualTo("fine");

            assertThat(withBrokenStyle.fallbacks()).isEqualTo(2);
            assertThat(log.lines()).filteredOn(line -> line.startsWith(MarkupTranslator.class.getName()))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("Channel channel-7", "transport whatsapp", "IllegalStateException")
                            .doesNotContain("private words"));
        }
    }
}
