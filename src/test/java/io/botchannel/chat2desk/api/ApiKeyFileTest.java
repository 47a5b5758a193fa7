package io.botchannel.chat2desk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {

    @TempDir
    Path folder;

    @Test
    void aKeyShorterThan32CharactersIsRefusedWithoutBeingRepeated() throws Exception {
        assertThatThrownBy(() -> ApiKeyFile.resolve("a-short-secret", folder.resolve("api.key")))
                .hasMessage("api.key has 14 characters; the management key needs at least 32 (e.g. openssl rand"
                        + " -base64 32), or leave api.key empty to have one generated");
        Path kept = folder.resolve("kept.key");
        Files.writeString(kept, "a-short-secret\n");
        assertThatThrownBy(() -> ApiKeyFile.resolve("", kept)).hasMessageStartingWith("the key in " + kept)
                .hasMessageNotContaining("a-short-secret");
        assertThat(ApiKeyFile.resolve(" " + "k".repeat(32) + " ", kept).value()).isEqualTo("k".repeat(32));
    }

    @Test
    void aGeneratedKeyAndTheFoldersMadeForItAreTheOwnersAlone() throws Exception {
        Path file = folder.resolve("new/data/api.key");

        String key = ApiKeyFile.resolve("", file).value();

        assertThat(key).hasSize(ApiKey.MIN_LENGTH);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(permissions(folder.resolve("new"))).isEqualTo("rwx------");
        assertThat(ApiKeyFile.resolve("", file).value()).as("kept across starts").isEqualTo(key);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
