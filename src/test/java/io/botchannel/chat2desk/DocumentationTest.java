package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README stays a page a newcomer reads to the end, and leads to every page of docs/; no link of
 * the README or of docs/ leads nowhere.
 */
class DocumentationTest {

    private static final int README_LINES = 300;

    @Test
    void theReadmeStaysShort() {
        assertThat(MarkdownFile.read("README.md").lineCount()).as("lines of README.md")
                .isLessThanOrEqualTo(README_LINES);
    }

    @Test
    void theReadmeLinksEveryPageOfDocs() throws IOException {
        List<Path> linked = MarkdownFile.read("README.md").links().stream().filter(l -> l.startsWith("docs/"))
                .map(l -> Path.of(l.replaceFirst("#.*", ""))).toList();

        assertThat(linked).as("pages of docs/ the README links").containsAll(pages());
    }

    @Test
    void everyLinkOfTheReadmeAndOfDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<MarkdownFile> documents = new ArrayList<>(List.of(MarkdownFile.read("README.md")));
        pages().forEach(page -> documents.add(MarkdownFile.read(page.toString())));
        List<String> broken = new ArrayList<>();

        for (MarkdownFile document : documents) {
            for (String link : document.links()) {
                if (!link.matches("[a-z]+:.*")) {
                    broken.addAll(brokenTarget(document, link));
                }
            }
        }

        assertThat(broken).as("links to nothing").isEmpty();
    }

    @Test
    void eachPageOfDocsStartsWithItsTitleAndWhatItIsFor() throws IOException {
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            assertThat(lines.get(0)).as(page + ": its title").startsWith("# ");
            assertThat(lines.get(1)).as(page + ": a blank line after the title").isEmpty();
            assertThat(lines.get(2)).as(page + ": a sentence of what it is for").isNotBlank().doesNotStartWith("#")
                    .doesNotStartWith("|").doesNotStartWith("-");
        }
    }

    /** The link as a problem, if its file or its heading is missing. */
    private static List<String> brokenTarget(MarkdownFile document, String link) {
        String file = link.replaceFirst("#.*", "");
        Path target = file.isEmpty() ? document.path() : document.path().resolveSibling(file).normalize();
        if (!Files.exists(target)) {
            return List.of(document + ": " + link + " (no file " + target + ")");
        }
        if (link.contains("#") && target.toString().endsWith(".md")) {
            String anchor = link.substring(link.indexOf('#') + 1);
            if (!MarkdownFile.read(target.toString()).anchors().contains(anchor)) {
                return List.of(document + ": " + link + " (no heading #" + anchor + " in " + target + ")");
            }
        }
        return List.of();
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }
}
