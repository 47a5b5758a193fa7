package io.botchannel.chat2desk.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files the bundle makes for its secrets and its store (the key file, the store's folder and
 * file): readable by their owner alone from the moment they exist. Files and folders that are there
 * already are left as they are.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** The folder and those above it that are missing, each created 0700. */
    public static void createDirectories(Path folder) throws IOException {
        if (POSIX) {
            Files.createDirectories(folder, attribute("rwx------"));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** A new, empty file, created 0600; fails if it exists. */
    public static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, attribute("rw-------"));
        } else {
            Files.createFile(file);
        }
    }

    private static FileAttribute<?> attribute(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
