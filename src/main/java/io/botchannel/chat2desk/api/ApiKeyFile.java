package io.botchannel.chat2desk.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.botchannel.chat2desk.store.PrivateFiles;

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

    /**
     * The configured key; else the one kept in the file; else a new one written there. A key
     * shorter than {@link ApiKey#MIN_LENGTH} characters stops startup with the reason.
     */
    public static Key resolve(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            return new Key(longEnough(configured.trim(), "api.key"), "set by api.key");
        }
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(path)) {
                String kept = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return new Key(longEnough(kept, "the key in " + path),
                            "in " + path + " (kept from an earlier start; readable only by its owner)");
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

    /** The key, if it is long enough not to be guessed: it opens every channel of the bundle. */
    private static String longEnough(String key, String what) {
        if (key.length() < ApiKey.MIN_LENGTH) {
            throw new IllegalArgumentException(what + " has " + key.length() + " characters; the management key"
                    + " needs at least " + ApiKey.MIN_LENGTH + " (e.g. openssl rand -base64 32), or leave api.key empty"
                    + " to have one generated");
        }
        return key;
    }

    private static void write(Path path, String key) throws IOException {
        if (path.getParent() != null) {
            PrivateFiles.createDirectories(path.getParent());
        }
        Files.deleteIfExists(path);
        // created owner-only, never readable by others even for a moment
        PrivateFiles.createFile(path);
        Files.writeString(path, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
