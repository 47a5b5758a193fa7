package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.RunningBundle;
import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.store.TokenCipher;
import io.botchannel.chat2desk.store.TokenInUseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The channel store on SQLite and on PostgreSQL: the same schema and behaviour, one active channel per
 * token enforced by the database, tokens encrypted at rest when a key is configured.
 */
class ChannelStoreTest {

    private static final String KEY = "store-test-key-of-more-than-32-characters";

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Kind.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    @Test
    void aBundleWithAKeyTooShortDoesNotStartAndSaysWhy() {
        assertThatThrownBy(() -> RunningBundle.start(Map.of("channel.store.key", "short")).close())
                .hasStackTraceContaining("channel.store.key must be at least 32 characters");
    }

    abstract static class Contract {

        private final Kind kind;
        TestDatabase database;
        HikariDataSource dataSource;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeEach
        void open() {
            database = TestDatabase.of(kind);
            dataSource = database.openStore();
        }

        @AfterEach
        void close() {
            if (database != null) {
                database.close();
            }
        }

        @Test
        void aSavedChannelReadsBackFieldForField() {
            ChannelStore store = ChannelStore.open(dataSource, TokenCipher.NONE);
            Channel channel = channel("token-1", false).withActivation(true, 77L,
                    List.of(CheckResult.passed("agent-trained", "the Agent is trained")));
            store.insert(channel);

            Channel read = store.findById(channel.id()).orElseThrow();

            assertThat(read).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(channel);
            assertThat(store.findByKey(channel.key()).map(Channel::id)).contains(channel.id());
            assertThat(store.listActive()).extracting(Channel::id).containsExactly(channel.id());
        }

        @Test
        void onlyOneActiveChannelMayHoldAToken() {
            ChannelStore store = ChannelStore.open(dataSource, TokenCipher.NONE);
            Channel first = channel("shared-token", true);
            Channel second = channel("shared-token", false);
            Channel third = channel("shared-token", false);
            store.insert(first);
            store.insert(second);
            store.insert(third);

            assertThatThrownBy(() -> store.update(second.withActivation(true, null, List.of())))
                    .isInstanceOf(TokenInUseException.class);
            assertThat(store.findById(second.id()).orElseThrow().active()).isFalse();
            assertThat(store.findActiveByToken("shared-token", second.id())).map(Channel::id).contains(first.id());

            store.update(first.withActivation(false, null, List.of()));
            store.update(second.withActivation(true, null, List.of()));
            assertThat(store.findById(second.id()).orElseThrow().active()).isTrue();
        }

        @Test
        void withAKeyTheTokenColumnHoldsNoToken() throws SQLException {
            ChannelStore store = ChannelStore.open(dataSource, TokenCipher.fromKey(KEY));
            Channel first = channel("0123456789abcdef-secret-token", true);
            Channel second = channel("0123456789abcdef-secret-token", false);
            store.insert(first);
            store.insert(second);

            String stored = storedToken(first.id());
            assertThat(stored).doesNotContain("secret-token").startsWith("enc:v1:");
            assertThat(storedToken(second.id())).as("a random IV per value").isNotEqualTo(stored);
            assertThat(store.findById(first.id()).orElseThrow().token()).isEqualTo("0123456789abcdef-secret-token");
            assertThatThrownBy(() -> store.update(second.withActivation(true, null, List.of())))
                    .as("uniqueness still holds on the hash").isInstanceOf(TokenInUseException.class);
        }

        @Test
        void tokensStoredBeforeAKeyWasSetAreReadableAndEncryptedAtTheNextStart() throws SQLException {
            Channel channel = channel("a-token-from-before-the-key", true);
            ChannelStore.open(dataSource, TokenCipher.NONE).insert(channel);
            assertThat(storedToken(channel.id())).isEqualTo("a-token-from-before-the-key");

            ChannelStore store = ChannelStore.open(dataSource, TokenCipher.fromKey(KEY));

            assertThat(storedToken(channel.id())).startsWith("enc:v1:").doesNotContain("a-token-from-before-the-key");
            assertThat(store.findById(channel.id()).orElseThrow().token()).isEqualTo("a-token-from-before-the-key");
        }

        @Test
        void aKeyThatDoesNotOpenTheStoredTokensStopsStartup() {
            ChannelStore.open(dataSource, TokenCipher.fromKey(KEY)).insert(channel("token", false));

            assertThatThrownBy(() -> ChannelStore.open(dataSource, TokenCipher.fromKey(KEY + "-changed")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("channel.store.key does not decrypt the stored tokens");
            assertThatThrownBy(() -> ChannelStore.open(dataSource, TokenCipher.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("channel.store.key is not set");
        }

        @Test
        void theAgentKeysHashIsKeptApartFromTheChannelsFieldsAndReplacedWhole() {
            ChannelStore store = ChannelStore.open(dataSource, TokenCipher.NONE);
            Channel channel = channel("token-with-agent-key", false);
            store.insert(channel, "hash-one");

            store.update(channel.withActivation(true, 5L, List.of()));
            assertThat(store.agentKeyHash(channel.id())).as("saving the channel keeps its Agent key")
                    .contains("hash-one");
            assertThat(store.replaceAgentKey(channel.id(), "hash-two")).isTrue();
            assertThat(store.agentKeyHash(channel.id())).contains("hash-two");

            Channel without = channel("token-without-agent-key", false);
            store.insert(without);
            assertThat(store.agentKeyHash(without.id())).isEmpty();
            assertThat(store.agentKeyHash("no-such-channel")).isEmpty();
            assertThat(store.replaceAgentKey("no-such-channel", "hash")).isFalse();
        }

        private String storedToken(String id) throws SQLException {
            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("SELECT token FROM channel WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    return r.getString(1);
                }
            }
        }

        private static Channel channel(String token, boolean active) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return new Channel(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Store test",
                    "https://api.chat2desk.com/v1", token, 41164L, true, "https://agent.example", active,
                    active ? 12L : null, List.of(), now, now, new Channel.Options(7L, true, false));
        }
    }
}
