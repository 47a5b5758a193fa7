package io.botchannel.chat2desk.markup;

import static org.assertj.core.api.Assertions.assertThat;

import io.botchannel.chat2desk.markup.Inline.Emphasis;
import io.botchannel.chat2desk.markup.Inline.Link;
import io.botchannel.chat2desk.markup.Inline.Text;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree behind the translations: which markers pair up, and that nothing the Agent wrote goes missing. */
class MarkupParserTest {

    @Test
    void boldItalicsIsAStarAroundADoubleUnderscore() {
        assertThat(MarkupParser.parse("*__x__*")).containsExactly(
                new Emphasis(Marker.STAR, List.of(new Emphasis(Marker.DOUBLE_UNDERSCORE, List.of(new Text("x"))))));
    }

    @Test
    void boldItalicsClosedInTheOpeningOrderPairsOnlyTheStar() {
        // The closing star reaches past the open double underscore, which was never closed and so is text
        assertThat(MarkupParser.parse("*__x*__")).containsExactly(
                new Emphasis(Marker.STAR, List.of(new Text("__x"))), new Text("__"));
    }

    @Test
    void linkKeepsItsTextAsNodesAndItsAddressAsWritten() {
        assertThat(MarkupParser.parse("see [*a*](https://x.example/a_b)!")).containsExactly(
                new Text("see "),
                new Link(List.of(new Emphasis(Marker.STAR, List.of(new Text("a")))), "https://x.example/a_b"),
                new Text("!"));
    }

    @Test
    void adjacentLiteralTextIsOneNode() {
        assertThat(MarkupParser.parse("a _b snake_case 2 * 3 [c")).containsExactly(
                new Text("a _b snake_case 2 * 3 [c"));
    }

    @Test
    void markersNeverPairAcrossABracket() {
        // The star outside the link and the one inside it are not a pair, so neither is markup
        List<Inline> tree = MarkupParser.parse("*a [b* c](u)");
        assertThat(tree).containsExactly(
                new Text("*a "), new Link(List.of(new Text("b* c")), "u"));
    }

    @Test
    void anUnclosedOpenerInsideAPairFallsBackToText() {
        assertThat(MarkupParser.parse("*a _b* c_")).containsExactly(
                new Emphasis(Marker.STAR, List.of(new Text("a _b"))), new Text(" c_"));
    }

    @Test
    void nestingDeeperThanTheLimitStaysLiteral() {
        String deep = "[".repeat(100) + "*x*" + "]".repeat(100);
        List<Inline> tree = MarkupParser.parse(deep);
        assertThat(Inline.source(tree)).isEqualTo(deep);
        // The brackets never close into links, and the star pair is beyond the limit: all of it is text
        assertThat(tree).containsExactly(new Text(deep));
    }

    @Test
    void deeplyNestedLinksStayWithinTheLimit() {
        String nested = "[".repeat(1000) + "a" + "](u)".repeat(1000);
        List<Inline> tree = MarkupParser.parse(nested);
        assertThat(Inline.source(tree)).isEqualTo(nested);
        assertThat(depth(tree)).isLessThanOrEqualTo(MarkupParser.MAX_DEPTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "_", "[", "]", "](", "](x)", "[](x)", "*__x__*", "*__x*__", "_*x*_", "__*x__*",
            "[a [b](c) d](e)", "*a [b] c*", "[*a] b*", "a*b*c", "*_*_*", "[[[a](b", "_a_b_", "___x___",
            "x@y.z_", "_https://x.example_", "*https://x.example/*a*"})
    void theTreeWritesBackExactlyWhatTheAgentWrote(String input) {
        assertThat(Inline.source(MarkupParser.parse(input))).isEqualTo(input);
    }

    private static int depth(List<Inline> nodes) {
        int deepest = 0;
        for (Inline node : nodes) {
            if (node instanceof Emphasis emphasis) {
                deepest = Math.max(deepest, 1 + depth(emphasis.children()));
            } else if (node instanceof Link link) {
                deepest = Math.max(deepest, 1 + depth(link.text()));
            }
        }
        return deepest;
    }
}
