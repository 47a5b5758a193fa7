package io.botchannel.chat2desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown document of the project (the README, a page of docs/, an example's README), read the way
 * the tests that run its examples need it: a section by its heading, the code blocks of a language,
 * a shell command, the links and the headings' anchors.
 */
final class MarkdownFile {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("(#{1,6}) (.+)");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");

    private final String name;
    private final Path path;
    private final String text;

    private MarkdownFile(String name, Path path, String text) {
        this.name = name;
        this.path = path;
        this.text = text;
    }

    /** The document at {@code path}, relative to the project's folder. */
    static MarkdownFile read(String path) {
        try {
            return new MarkdownFile(path, Path.of(path), Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /** The lines of the document. */
    int lineCount() {
        return (int) text.lines().count();
    }

    /**
     * The section under the heading with this text (at any level): up to the next heading of the same
     * level or a higher one, its subsections included.
     */
    MarkdownFile section(String heading) {
        List<String> lines = text.lines().toList();
        int start = -1;
        int level = 0;
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            if (start < 0 && m.group(2).strip().equals(heading)) {
                start = i;
                level = m.group(1).length();
            } else if (start >= 0 && m.group(1).length() <= level) {
                return sectionOf(heading, lines.subList(start, i));
            }
        }
        if (start < 0) {
            throw new AssertionError(name + " has no section \"" + heading + "\"; its headings: " + headings());
        }
        return sectionOf(heading, lines.subList(start, lines.size()));
    }

    private MarkdownFile sectionOf(String heading, List<String> lines) {
        return new MarkdownFile(name + " \"" + heading + "\"", path, String.join("\n", lines));
    }

    /** The code blocks in this language ({@code yaml}, {@code bash}, ...), in order; there must be one. */
    List<String> blocks(String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        if (blocks.isEmpty()) {
            throw new AssertionError(name + " has no " + language + " block");
        }
        return blocks;
    }

    /** The first shell command of the bash blocks that starts with {@code prefix}, its continued lines joined. */
    String command(String prefix) {
        for (String block : blocks("bash")) {
            for (String line : block.replaceAll("\\\\\\n\\s*", "").lines().map(String::strip).toList()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError(name + " has no command starting with " + prefix);
    }

    /** The targets of the document's links, outside code. */
    List<String> links() {
        String prose = INLINE_CODE.matcher(withoutFences()).replaceAll("");
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(prose);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** The anchors a link may name in this document: its headings as GitHub spells them. */
    List<String> anchors() {
        return headings().stream().map(MarkdownFile::anchor).toList();
    }

    private List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (String line : withoutFences().lines().toList()) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                headings.add(m.group(2).strip());
            }
        }
        return headings;
    }

    private String withoutFences() {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : text.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                prose.append(line).append('\n');
            }
        }
        return prose.toString();
    }

    /** GitHub's anchor of a heading: lower case, without punctuation, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Override
    public String toString() {
        return name;
    }
}
