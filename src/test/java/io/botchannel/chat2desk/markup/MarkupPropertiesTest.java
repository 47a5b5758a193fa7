package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Properties checked over thousands of generated messages, heavy in markers, brackets, URLs and e-mails.
 *
 * <p><b>No loss</b>, precisely. Let {@code consumed(input)} be the input in which every marker pair the parser
 * matched is deleted and every link {@code [T](U)} it recognised is written {@code T (U)}, or {@code U} when T
 * reads exactly U. Then for every style, the output with all {@code *} and {@code _} removed equals
 * {@code consumed(input)} with all {@code *} and {@code _} removed. Together with "the tree writes back the
 * input exactly" and "markers are made of {@code *} and {@code _} only", this says that the only characters
 * that ever disappear are matched markers and link brackets (and a link text that repeats its address).
 * For messages without brackets the check needs no parser at all: output and input must be equal once every
 * {@code *} and {@code _} is removed from both.
 *
 * <p>The translator sends a text as written when translating it fails, which would pass the checks that go
 * through it: each test ends by asserting that this never happened, and the parser and styles are also fed the
 * messages directly.
 */
class MarkupPropertiesTest {

    private static final int MESSAGES = 20_000;
    /** Private-use characters: the input alphabet never contains them, so any in the output were emitted. */
    private static final char ITALIC = '\uE000';
    private static final char BOLD = '\uE001';

    private static final String[] PIECES = {
            "*", "*", "*", "_", "_", "_", "__", "__", "*__", "__*", "**", "___", "*_", "_*",
            "[", "[", "]", "](", ")", "(", "](https://x.example)", "](u)", "[a](b)",
            " ", " ", " ", " ", "\n", "\u00A0", ".", ",", "!", "\"", "-", "@",
            "a", "b", "x", "word", "Привет", "42", "😀", "snake_case", "my__var__name", "__init__",
            "https://x.example/a_b_c?q=*x*", "https://x.example", "www.x_y.example", "tg://r?d=my_bot_",
            "first_last@example.com", "a._b_@x.co", "http://", "mailto:x_y@z.example",
    };

    private final MarkupStyle whatsApp = new WhatsAppStyle();
    private final MarkupStyle marked = new WhatsAppStyle(String.valueOf(ITALIC), String.valueOf(BOLD));
    private final MarkupTranslator translator = MarkupTranslator.fromDefaults();

    @AfterEach
    void everyTextWasTranslated() {
        assertThat(translator.fallbacks()).as("texts sent with their markup as written").isZero();
    }

    @Test
    void noVisibleCharacterIsLost() {
        forEachMessage((input, tree) -> {
            String consumed = consumed(tree);
            for (MarkupStyle style : List.of(whatsApp, PlainStyle.INSTANCE)) {
                String output = style.render(tree);
                assertThat(withoutMarkers(output)).as("%s", input).isEqualTo(withoutMarkers(consumed));
            }
        });
    }

    @Test
    void withoutBracketsNoParserIsNeededToSeeThatNothingIsLost() {
        Random random = new Random(7);
        for (int i = 0; i < MESSAGES; i++) {
            String input = message(random).replace('[', '<').replace(']', '>');
            for (String transport : List.of("whatsapp", "sms")) {
                String output = translator.translate(input, transport);
                assertThat(withoutMarkers(output)).as("%s", input).isEqualTo(withoutMarkers(input));
            }
            // Plain text only ever deletes: the output is the input minus some * and _
            assertOnlyMarkersDeleted(input, translator.translate(input, "sms"));
        }
    }

    @Test
    void theTreeWritesBackTheInput() {
        forEachMessage((input, tree) -> assertThat(Inline.source(tree)).isEqualTo(input));
    }

    @Test
    void everyMarkerWhatsAppEmitsIsOnePairAroundText() {
        forEachMessage((input, tree) -> {
            String output = marked.render(tree);
            Deque<Integer> open = new ArrayDeque<>();
            for (int i = 0; i < output.length(); i++) {
                char c = output.charAt(i);
                if (c != ITALIC && c != BOLD) {
                    continue;
                }
                if (!open.isEmpty() && output.charAt(open.peek()) == c) {
                    String inside = output.substring(open.pop() + 1, i);
                    assertThat(inside).as("%s -> %s", input, output).isNotBlank();
                } else {
                    open.push(i);
                }
            }
            assertThat(open).as("unclosed markers in %s -> %s", input, output).isEmpty();
            // ...and the real style is the same text with the real markers
            assertThat(whatsApp.render(tree))
                    .isEqualTo(output.replace(ITALIC, '_').replace(BOLD, '*'));
        });
    }

    @Test
    void textWithoutMarkersComesBackAsTheSameString() {
        Random random = new Random(11);
        for (int i = 0; i < MESSAGES; i++) {
            String input = message(random).replace("*", "").replace("_", "").replace("[", "");
            assertThat(translator.translate(input, "whatsapp")).isSameAs(input);
            assertThat(translator.translate(input, "sms")).isSameAs(input);
        }
    }

    @Test
    void neverThrowsForAnyTransport() {
        Random random = new Random(13);
        List<String> transports = new ArrayList<>(MarkupTableTest.WHATSAPP_TRANSPORTS);
        transports.addAll(List.of("sms", "telegram", "WIDGET", "", "unknown"));
        transports.add(null);
        for (int i = 0; i < MESSAGES; i++) {
            String input = message(random);
            String output = translator.translate(input, transports.get(random.nextInt(transports.size())));
            assertThat(output).isNotNull();
            // and without the translator's fallback in between
            List<Inline> tree = MarkupParser.parse(input);
            for (MarkupStyle style : List.of(whatsApp, PlainStyle.INSTANCE)) {
                assertThat(style.render(tree)).as("%s", input).isNotNull();
            }
        }
    }


    /** Also random cut points: a message may end inside a URL, an e-mail or a link. */
    private void forEachMessage(Check check) {
        Random random = new Random(42);
        for (int i = 0; i < MESSAGES; i++) {
            String input = message(random);
            if (!input.isEmpty() && random.nextInt(4) == 0) {
                input = input.substring(random.nextInt(input.length()));
            }
            // Straight to the parser and styles: translate() would hide an exception behind its fallback
            check.accept(input, MarkupParser.parse(input));
        }
    }

    private static String message(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    /** The input as the no-loss property defines it: matched markers deleted, links written out. */
    private static String consumed(List<Inline> nodes) {
        StringBuilder out = new StringBuilder();
        for (Inline node : nodes) {
            if (node instanceof Inline.Text text) {
                out.append(text.text());
            } else if (node instanceof Inline.Emphasis emphasis) {
                assertThat(emphasis.marker().text()).matches("[*_]+");
                out.append(consumed(emphasis.children()));
            } else if (node instanceof Inline.Link link) {
                out.append(link.showsOnlyUrl() ? link.url() : consumed(link.text()) + " (" + link.url() + ")");
            }
        }
        return out.toString();
    }

    private static String withoutMarkers(String text) {
        return text.replace("*", "").replace("_", "");
    }

    private static void assertOnlyMarkersDeleted(String input, String output) {
        int at = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (at < output.length() && output.charAt(at) == c) {
                at++;
            } else if (c != '*' && c != '_') {
                fail("'%s' lost '%c' at %d: %s", input, c, i, output);
            }
        }
        assertThat(at).as("%s -> %s", input, output).isEqualTo(output.length());
    }

    @FunctionalInterface
    private interface Check {
        void accept(String input, List<Inline> tree);
    }
}
