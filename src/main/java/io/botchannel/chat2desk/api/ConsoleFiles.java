package io.botchannel.chat2desk.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The files of the channel console ({@code /console/}), from {@code console/} in the jar. The page
 * holds no data and no key: the user pastes the API key, and the page sends it with each call of
 * the management API. Only the listed files are served, so nothing else of the classpath leaks.
 */
public class ConsoleFiles {

    static final String PREFIX = "/console";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    /** A file to answer with, a redirect to the console's folder, or 404. */
    public record ConsoleFile(int status, String contentType, byte[] body, String location) {
    }

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    public ConsoleFile file(@Header(Exchange.HTTP_PATH) String path, @Header(Exchange.HTTP_URI) String uri) {
        String relative = relative(path, uri);
        if (relative == null) {
            // "/console" without its slash: the page's relative links need the folder
            return new ConsoleFile(301, "text/plain; charset=utf-8", new byte[0], "console/");
        }
        String name = relative.isEmpty() ? "index.html" : relative;
        String type = FILES.get(name);
        if (type == null) {
            byte[] error = "{\"error\":\"no such console file\"}".getBytes(StandardCharsets.UTF_8);
            return new ConsoleFile(404, "application/json", error, null);
        }
        return new ConsoleFile(200, type, loaded.computeIfAbsent(name, ConsoleFiles::load), null);
    }

    /** The part after {@code /console/}; null for {@code /console} itself. */
    static String relative(String path, String uri) {
        String full = uri != null ? uri.replaceFirst("[?#].*$", "") : path == null ? "" : path;
        int at = full.indexOf(PREFIX);
        String rest = at < 0 ? full : full.substring(at + PREFIX.length());
        if (rest.isEmpty()) {
            return null;
        }
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
