package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A chat's entries are worked on one at a time, in order, also when entries become visible out of
 * order (stored by two instances' transactions that committed side by side), and a dead letter
 * does not hold its chat up. Instances claiming at the same moment pass over each other's entries.
 */
class InboxLanesTest {

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
        void aChatsEntriesAreClaimedOneAtATimeInTheOrderTheyCame() {
            store(1, 7);
            store(2, 7);
            store(3, 8);

            assertThat(messageIds(inbox.claimReady(10))).containsExactly(1L, 3L);
            assertThat(inbox.claimReady(10)).as("chat 7 is in hand").isEmpty();
        }

        @Test
        void aLaterEntryInHandKeepsAnEarlierOneOfItsChatWaiting() throws SQLException {
            InboxEntry first = store(1, 7);
            InboxEntry second = store(2, 7);
            store(3, 8);
            // the second became visible first (its transaction committed first) and was claimed
            setState(second, "calling");

            assertThat(messageIds(inbox.claimReady(10))).as("chat 7 stays with the entry in hand").containsExactly(3L);

            inbox.done(second);
            assertThat(inbox.claimReady(10)).extracting(InboxEntry::id).containsExactly(first.id());
        }

        @Test
        void aDeadLetterDoesNotHoldItsChatUp() {
            store(1, 7);
            InboxEntry dead = inbox.claimReady(10).get(0);
            inbox.failed(dead, "POST /messages answered 400", 0, Inbox.RetryPolicy.NONE).toCompletableFuture().join();
            store(2, 7);

            assertThat(messageIds(inbox.claimReady(10))).containsExactly(2L);
        }

        @Test
        void aClaimPassesOverEntriesAnotherInstanceIsClaimingAtThatMoment() throws Exception {
            assumeTrue(kind == Kind.POSTGRES, "SQLite has one writer: no claim runs beside another");
            InboxEntry taken = store(1, 7);
            store(2, 8);
            try (Connection other = database.connect()) {
                other.setAutoCommit(false);
                // another instance's claim, not committed yet
                try (PreparedStatement s = other.prepareStatement("SELECT id FROM inbox WHERE id = ? FOR UPDATE")) {
                    s.setLong(1, taken.id());
                    s.executeQuery().close();
                }
                // waiting for that entry would wait for the other transaction, which ends only after this
                CompletableFuture<List<InboxEntry>> claimed = CompletableFuture.supplyAsync(() -> inbox.claimReady(10));
                try {
                    assertThat(messageIds(claimed.get(60, TimeUnit.SECONDS))).containsExactly(2L);
                } finally {
                    other.rollback();
                }
            }
            assertThat(inbox.claimReady(10)).extracting(InboxEntry::id).containsExactly(taken.id());
        }

        private InboxEntry store(long messageId, long clientId) {
            assertThat(inbox.store(channel, event(messageId, clientId))).isTrue();
            return inbox.find(idOf(messageId));
        }

        private long idOf(long messageId) {
            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM inbox WHERE dedup_key = ?")) {
                s.setString(1, "inbox:" + messageId);
                try (var r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    return r.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void setState(InboxEntry entry, String state) throws SQLException {
            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("UPDATE inbox SET state = ?, owner = 'test' WHERE id = ?")) {
                s.setString(1, state);
                s.setLong(2, entry.id());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }

        private static List<Long> messageIds(List<InboxEntry> entries) {
            return entries.stream().map(entry -> Long.parseLong(entry.dedupKey().substring("inbox:".length()))).toList();
        }

        private static WebhookEvent event(long messageId, long clientId) {
            String body = "{\"hook_type\":\"inbox\",\"message_id\":" + messageId + ",\"client_id\":" + clientId + "}";
            return new WebhookEvent("inbox", "to_client", messageId, clientId, null, null, null, null, "widget",
                    "text " + messageId, List.of(), null, body);
        }
    }
}
