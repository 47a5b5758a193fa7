package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupSummaryTest {

    @Test
    void inProductionItNamesOnlyWhatRunsAndNoSecret() {
        String text = new StartupSummary(8080, false, "set by api.key",
                "jdbc:postgresql://db.example.com/botchannel?user=bot&password=secret", true).text(8081);

        assertThat(text).doesNotContain("sandbox").doesNotContain("secret").doesNotContain("warning")
                .contains("API key       set by api.key")
                .contains("health        http://localhost:8081/observe/health/ready")
                .contains("store         PostgreSQL jdbc:postgresql://db.example.com/botchannel");
    }

    @Test
    void anEmbeddedStoreIsNamedByItsFile() {
        assertThat(StartupSummary.describeStore("jdbc:sqlite:./data/channels.db"))
                .isEqualTo("SQLite file " + java.nio.file.Path.of("data/channels.db").toAbsolutePath());
        assertThat(StartupSummary.describeStore("jdbc:sqlite:./data/channels.db?synchronous=FULL"))
                .isEqualTo("SQLite file " + java.nio.file.Path.of("data/channels.db").toAbsolutePath());
    }

    @Test
    void withoutManagementThereIsNoHealthLineAndAnUnencryptedStoreIsAWarning() {
        String text = new StartupSummary(9000, true, "set by api.key", "jdbc:sqlite::memory:", false)
                .text(-1);

        assertThat(text).doesNotContain("health").contains("sandbox page  http://localhost:9000/sandbox/")
                .contains("store         SQLite in memory")
                .endsWith("warning       Chat2Desk tokens are stored unencrypted: set channel.store.key"
                        + " (32 characters or more, e.g. openssl rand -base64 32)");
    }
}
