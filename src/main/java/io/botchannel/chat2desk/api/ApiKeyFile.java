package io.botchannel.chat2desk.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The management API key of a bundle started without {@code api.key}: generated once and kept in
 * a file readable only by its owner, so that it stays the same across restarts and never needs to
 * be written into the log.
 */
public final class ApiKeyFile {

    /** The key and where it came from, for the startup summary. */
    public record Key(String value, String source) {
    }

    private ApiKeyFile() {
    }

    /** The configured key; else the one kept in the file; else a new one written there. */
    public static Key resolve(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return new Key(configured.trim(), "set by api.key");
        }
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(path)) {
                String kept = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return new Key(kept, "in " + path + " (kept from an earlier start; readable only by its owner)");
                }
            }
            String generated = ApiKey.generate();
            write(path, generated);
            return new Key(generated, "generated into " + path + " (readable only by its owner; kept across restarts)");
        } catch (IOException e) {
            throw new UncheckedIOException("api.key is not set and the key file " + path
                    + " cannot be read or written: set api.key, or api.key-file to a writable place", e);
        }
    }

    private static void write(Path path, String key) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.deleteIfExists(path);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // created owner-only, never readable by others even for a moment
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        Files.writeString(path, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
