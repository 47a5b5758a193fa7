package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The inbox keeps only what it needs: a finished entry is deleted and its event's key kept until
 * Chat2Desk can no longer redeliver it; dead letters stay until replayed or deleted.
 */
class InboxRetentionTest {

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

    abstract static class Contract {

        private final Kind kind;
        TestInbox store;
        TestDatabase database;
        Inbox inbox;
        Channel channel;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeEach
        void open() {
            store = new TestInbox(kind);
            database = store.database;
            inbox = store.inbox;
            channel = store.channel;
        }

        @AfterEach
        void close() {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void aFinishedEntryIsDeletedAndItsKeyStillRecognisesARedelivery() throws SQLException {
            InboxEntry entry = storeAndClaim(1);
            inbox.answered(entry, "[{\"type\":\"text\",\"text\":\"hi\"}]").toCompletableFuture().join();
            inbox.replySent(entry, 0, true).toCompletableFuture().join();
            InboxEntry leftAlone = storeAndClaim(2);
            inbox.done(leftAlone);

            assertThat(ids()).isEmpty();
            assertThat(keys()).containsExactlyInAnyOrder("inbox:1", "inbox:2");
            assertThat(inbox.store(channel, event(1))).as("a redelivery within the retention").isFalse();
            assertThat(inbox.store(channel, event(2))).as("a redelivery within the retention").isFalse();
            assertThat(ids()).isEmpty();
        }

        @Test
        void thePurgeForgetsTheKeysPastTheRetentionAndLeavesEntriesAlone() throws SQLException {
            InboxEntry old = storeAndClaim(1);
            inbox.done(old);
            InboxEntry dead = storeAndClaim(2);
            inbox.failed(dead, "POST /messages answered 400", 0, Inbox.RetryPolicy.NONE).toCompletableFuture().join();
            InboxEntry recent = storeAndClaim(3);
            inbox.done(recent);
            inbox.store(channel, event(4));
            receivedAgo("inbox:1", Duration.ofHours(4));
            receivedAgo("inbox:2", Duration.ofHours(4));

            assertThat(inbox.purge(Duration.ofHours(3))).isEqualTo(2);

            assertThat(keys()).containsExactlyInAnyOrder("inbox:3", "inbox:4");
            assertThat(ids()).containsExactlyInAnyOrder(dead.id(), recent.id() + 1);
            assertThat(inbox.deadLetters(channel.id())).extracting(InboxEntry::id).containsExactly(dead.id());
            // forgotten: the same message id is new again, as Chat2Desk no longer redelivers it by then
            assertThat(inbox.store(channel, event(1))).isTrue();
        }

        @Test
        void thePurgeGoesOnInStepsUntilNothingOldIsLeft() throws SQLException {
            int count = Inbox.PURGE_STEP * 2 + 7;
            for (int i = 0; i < count; i++) {
                inbox.store(channel, event(100 + i));
            }
            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("UPDATE inbox_seen SET received_at = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(4))));
                s.executeUpdate();
            }
            inbox.store(channel, event(99));

            assertThat(inbox.purge(Duration.ofHours(3))).isEqualTo(count);
            assertThat(keys()).containsExactly("inbox:99");
        }

        @Test
        void aDeletedDeadLetterIsGoneAndAnotherChannelsIsNotTouched() throws SQLException {
            InboxEntry dead = storeAndClaim(5);
            inbox.failed(dead, "POST /messages answered 400", 0, Inbox.RetryPolicy.NONE).toCompletableFuture().join();

            assertThat(inbox.deleteDeadLetter("another-channel", dead.id())).isFalse();
            assertThat(inbox.deleteDeadLetter(channel.id(), dead.id())).isTrue();
            assertThat(inbox.deleteDeadLetter(channel.id(), dead.id())).isFalse();
            assertThat(inbox.deadLetters(channel.id())).isEmpty();
        }

        private InboxEntry storeAndClaim(long messageId) {
            assertThat(inbox.store(channel, event(messageId))).isTrue();
            List<InboxEntry> claimed = inbox.claimReady(10);
            assertThat(claimed).hasSize(1);
            return claimed.get(0);
        }

        private static WebhookEvent event(long messageId) {
            String body = "{\"hook_type\":\"inbox\",\"message_id\":" + messageId + ",\"client_id\":" + messageId + "}";
            return new WebhookEvent("inbox", "to_client", messageId, messageId, null, null, null, null, "widget",
                    "text " + messageId, List.of(), null, body);
        }

        private void receivedAgo(String key, Duration age) throws SQLException {
            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("UPDATE inbox_seen SET received_at = ? WHERE dedup_key = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
                s.setString(2, key);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }

        private List<String> keys() throws SQLException {
            try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT dedup_key FROM inbox_seen");
                 ResultSet r = s.executeQuery()) {
                List<String> keys = new ArrayList<>();
                while (r.next()) {
                    keys.add(r.getString(1));
                }
                return keys;
            }
        }

        private List<Long> ids() throws SQLException {
            try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT id FROM inbox");
                 ResultSet r = s.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
                return ids;
            }
        }
    }
}
