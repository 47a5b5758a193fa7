package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An instance renews the claims of the entries in hand every poll: those and only those, and on
 * PostgreSQL by looking them up, however many finished entries the table still holds.
 */
class ClaimRenewalTest {

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
        private TestInbox store;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @AfterEach
        void close() {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void renewsThisInstancesLiveClaimsAndNoOtherEntry() throws SQLException {
            store = new TestInbox(kind);
            List<InboxEntry> claimed = storeAndClaim(0, 3);
            InboxEntry dead = claimed.get(2);
            assertThat(store.inbox.failed(dead, "gone for good", 0, Inbox.RetryPolicy.NONE).toCompletableFuture().join()).isTrue();
            InboxEntry othersClaim = storeAndClaim(3, 1).get(0);
            setOwner(othersClaim, "another-instance");
            InboxEntry notClaimed = stored(4);
            Instant before = Instant.now().minus(1, ChronoUnit.HOURS);
            setClaimedAt(before);

            List<Long> inHand = List.of(claimed.get(0).id(), claimed.get(1).id(), dead.id(), othersClaim.id(),
                    notClaimed.id());
            assertThat(store.inbox.renewClaims(inHand)).isEqualTo(2);

            assertThat(renewedIds(before)).containsExactlyInAnyOrder(claimed.get(0).id(), claimed.get(1).id());
        }

        @Test
        void onPostgresqlARenewalReadsTheEntriesInHandNotTheFinishedOnesStillIndexed() throws Exception {
            assumeTrue(kind == Kind.POSTGRES, "the plan is PostgreSQL's; SQLite looks the ids up anyway");
            store = new TestInbox(kind);
            try (Connection c = store.database.connect(); Statement s = c.createStatement()) {
                // what a minute of load leaves between two vacuums: every finished entry's claim,
                // Agent call and answer, dead but still in the indexes
                s.execute("ALTER TABLE inbox SET (autovacuum_enabled = false)");
                s.execute("INSERT INTO inbox (channel_id, dedup_key, chat_key, body, state, owner, claimed_at,"
                        + " redelivery, attempts, next_attempt_at, replies_sent, received_at, updated_at)"
                        + " SELECT '" + store.channel.id() + "', 'finished:' || n, 'chat:' || (n % 50), '{}',"
                        + " 'claimed', 'test', now(), false, 0, now(), 0, now(), now()"
                        + " FROM generate_series(1, 5000) n");
                s.execute("UPDATE inbox SET state = 'calling'");
                s.execute("UPDATE inbox SET state = 'replying'");
                s.execute("DELETE FROM inbox");
                s.execute("ANALYZE inbox");
            }
            List<InboxEntry> inHand = storeAndClaim(0, 20);
            assertThat(inHand).hasSize(20);

            JsonNode plan = explain(Inbox.renewal(inHand.size()), inHand);

            JsonNode top = plan.path("Plan");
            int pages = top.path("Shared Hit Blocks").asInt() + top.path("Shared Read Blocks").asInt();
            // about 5 pages per entry in hand (109 in all when measured): its index path, its table page
            // and the new version's; reading the index of states instead walks 15,000 entries (530)
            assertThat(pages).as("pages read to renew 20 claims beside 15,000 dead index entries: %s", plan)
                    .isLessThan(20 * 8);
        }

        private JsonNode explain(String renewal, List<InboxEntry> inHand) throws Exception {
            try (Connection c = store.database.connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + renewal)) {
                    s.setTimestamp(1, Timestamp.from(Instant.now()));
                    s.setString(2, "test");
                    for (int i = 0; i < inHand.size(); i++) {
                        s.setLong(3 + i, inHand.get(i).id());
                    }
                    try (ResultSet r = s.executeQuery()) {
                        assertThat(r.next()).isTrue();
                        return new ObjectMapper().readTree(r.getString(1)).get(0);
                    }
                } finally {
                    c.rollback();
                }
            }
        }

        private List<InboxEntry> storeAndClaim(int firstMessage, int count) {
            for (int m = firstMessage; m < firstMessage + count; m++) {
                assertThat(store.inbox.store(store.channel, event(m))).isTrue();
            }
            return store.inbox.claimReady(count);
        }

        private InboxEntry stored(long messageId) {
            assertThat(store.inbox.store(store.channel, event(messageId))).isTrue();
            try (Connection c = store.database.connect();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM inbox WHERE dedup_key = ?")) {
                s.setString(1, "inbox:" + messageId);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    return store.inbox.find(r.getLong(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void setOwner(InboxEntry entry, String owner) throws SQLException {
            try (Connection c = store.database.connect();
                 PreparedStatement s = c.prepareStatement("UPDATE inbox SET owner = ? WHERE id = ?")) {
                s.setString(1, owner);
                s.setLong(2, entry.id());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }

        private void setClaimedAt(Instant at) throws SQLException {
            try (Connection c = store.database.connect();
                 PreparedStatement s = c.prepareStatement("UPDATE inbox SET claimed_at = ?")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.executeUpdate();
            }
        }

        private List<Long> renewedIds(Instant before) throws SQLException {
            List<Long> ids = new ArrayList<>();
            try (Connection c = store.database.connect();
                 PreparedStatement s = c.prepareStatement("SELECT id FROM inbox WHERE claimed_at > ?")) {
                s.setTimestamp(1, Timestamp.from(before.plus(30, ChronoUnit.MINUTES)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
            return ids;
        }

        private static WebhookEvent event(long messageId) {
            // each message a chat of its own: a claim takes them all at once
            String body = "{\"hook_type\":\"inbox\",\"message_id\":" + messageId + ",\"client_id\":" + messageId + "}";
            return new WebhookEvent("inbox", "to_client", messageId, messageId, null, null, null, null, "widget",
                    "text " + messageId, List.of(), null, body);
        }
    }
}
