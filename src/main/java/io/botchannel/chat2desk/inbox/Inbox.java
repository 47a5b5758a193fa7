package io.botchannel.chat2desk.inbox;

import static io.botchannel.chat2desk.store.GroupCommit.committed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import javax.sql.DataSource;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.store.GroupCommit;
import io.botchannel.chat2desk.store.GroupCommit.Parameters;
import io.botchannel.chat2desk.store.GroupCommit.Statement;
import io.botchannel.chat2desk.store.StoreDataSource;
import io.botchannel.chat2desk.store.StoreException;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox: webhooks are stored before they are acknowledged and processed from here.
 * A key per channel and Chat2Desk message, kept in {@code inbox_seen} for as long as Chat2Desk
 * may deliver the event again, makes every message reach the Agent once however often it is
 * delivered; a finished entry is deleted, a failed one stays as a dead letter; a chat's entries are claimed one at a time, in the order they arrived;
 * claims carry the instance that made them, so that entries of a crashed instance are taken up
 * again (at its restart, or by another instance once the lease ran out). Every change of an entry
 * is committed in the shared transactions of {@link GroupCommit}: before its method returns, or,
 * for the methods that return a stage, before the stage completes, with no thread waiting for it.
 */
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    /** The hook type of the inbox entries that carry a message the Agent writes first. */
    static final String AGENT_MESSAGE = "agent_message";
    /** The order of the index of new entries by channel and due time (V10). */
    private static final String IN_DUE_ORDER = " ORDER BY state, channel_id, next_attempt_at, id";
    /**
     * Up to a number of channels with new entries (due or not), in order from the first after a
     * given one, walked from one to the next through the index of new entries by channel and due
     * time (a loose index scan: SQLite and PostgreSQL do not skip through an index by themselves).
     * One index step per channel found, however many channels wait and however many entries each
     * has. Each step is ordered as that index is, so that PostgreSQL takes it (with MIN() it took the
     * index of all entries by channel and read through every entry in hand and every dead letter).
     */
    private static final String CHANNELS_WITH_NEW_ENTRIES = "WITH RECURSIVE waiting(channel_id, n) AS ("
            + "SELECT (SELECT channel_id FROM inbox WHERE state = 'new' AND channel_id > ?" + IN_DUE_ORDER + " LIMIT 1), 1"
            + " UNION ALL SELECT (SELECT i.channel_id FROM inbox i WHERE i.state = 'new'"
            + " AND i.channel_id > waiting.channel_id" + IN_DUE_ORDER + " LIMIT 1), waiting.n + 1 FROM waiting"
            + " WHERE waiting.channel_id IS NOT NULL AND waiting.n < ?)"
            + " SELECT channel_id FROM waiting WHERE channel_id IS NOT NULL";
    /**
     * No earlier entry of the same chat waits, and no entry of it is being worked on, whatever its
     * place: entries stored by two instances' transactions that committed side by side can become
     * visible out of order, and a later entry already in hand must still keep an earlier one
     * waiting. A dead letter holds nothing up. One lookup in the lane index per candidate, which
     * reads only the chat's unfinished entries and dead letters (finished entries are deleted); one
     * test per state instead let PostgreSQL compare every candidate with every entry in hand.
     */
    private static final String LANE_IS_FREE = " AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.channel_id = i.channel_id"
            + " AND e.chat_key = i.chat_key AND e.state <> 'dead' AND (e.id < i.id OR e.state <> 'new'))";
    /** Keys the purge forgets in one step: a short write, so the intake's writes pass in between. */
    static final int PURGE_STEP = 500;
    private static final String COLUMNS = "id, channel_id, dedup_key, body, state, redelivery, attempts, replies,"
            + " replies_sent, last_error, received_at";
    /**
     * A webhook's key. A key already seen changes no row, and then the entry is not stored: no error
     * that would spoil the shared transaction, and a delivery of the same event to another instance
     * waits for the first one's key and finds it.
     */
    private static final String STORE_KEY = "INSERT INTO inbox_seen (channel_id, dedup_key, received_at)"
            + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String ENTRY_COLUMNS = "channel_id, dedup_key, chat_key, body, state, redelivery, attempts,"
            + " next_attempt_at, replies_sent, received_at, updated_at";
    /** A webhook's entry, stored only when its key was new (see {@link GroupCommit.Statement#onlyAfterAChange}). */
    private static final String STORE_ENTRY = "INSERT INTO inbox (" + ENTRY_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, 'new', FALSE, 0, ?, 0, ?, ?) ON CONFLICT DO NOTHING";
    /**
     * Both as one statement, for PostgreSQL: the entry is inserted from the key's insert, so only
     * when that inserted a row. One statement of the writer's commit instead of two after each
     * other, and with them one round trip fewer in each commit.
     */
    private static final String STORE_KEY_THEN_ENTRY = "WITH seen AS (" + STORE_KEY + " RETURNING 1)"
            + " INSERT INTO inbox (" + ENTRY_COLUMNS + ") SELECT ?, ?, ?, ?, 'new', FALSE, 0, CAST(? AS TIMESTAMP), 0,"
            + " CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP) FROM seen ON CONFLICT DO NOTHING";

    /** How retries are spaced and bounded; message-errors.camel.yaml declares it. */
    public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxAge) {

        /** No retry: the first failure makes a dead letter (a refusal, a reply that cannot be sent). */
        public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private final DataSource dataSource;
    private final GroupCommit writes;
    private final String instanceId;
    private final Duration lease;
    private final boolean postgresql;
    /** The claim: one statement, see {@link #claimReady}. */
    private final String claim;
    /**
     * The next claim's turns begin with the first channel after this one ("": from the first).
     * Only the writer's thread reads and sets it, within the claim.
     */
    private volatile String turnsAfter = "";

    public Inbox(DataSource dataSource, GroupCommit writes, String instanceId, Duration lease) {
        this.dataSource = dataSource;
        this.writes = writes;
        this.instanceId = instanceId;
        this.lease = lease;
        this.postgresql = StoreDataSource.vendor(dataSource).equals("postgresql");
        // On PostgreSQL a claim locks what it found and passes over what another instance's claim
        // has locked: two instances would otherwise find the same first entries, and one would wait
        // for the other's commit only to find them taken. SQLite has one writer, so no claim runs
        // beside another.
        String passOverOthersClaims = postgresql ? " FOR UPDATE OF i SKIP LOCKED" : "";
        // A channel's entries in the order they fall due (a chat's own order is the lane's to keep),
        // through the index of new entries by channel and due time: the search starts at the due
        // ones and never reads the entries put back until later. In id order, a channel put back
        // for its Chat2Desk rate limit had each claim read through hundreds of entries not due yet.
        String ready = "SELECT i.id FROM inbox i WHERE i.state = 'new' AND i.channel_id = ? AND i.next_attempt_at <= ?"
                + LANE_IS_FREE + IN_DUE_ORDER + " LIMIT ?" + passOverOthersClaims;
        // "state = 'new'" changes nothing (the entries found are new, and locked), but lets the
        // update find them through the index of new entries: with "id" alone PostgreSQL read the
        // whole queue index (2,300 pages against 24, with 20,000 dead entries in it)
        String claimReady = "UPDATE inbox SET state = 'claimed', owner = ?, claimed_at = ?, updated_at = ?"
                + " WHERE state = 'new' AND id " + (postgresql ? "= ANY (ARRAY(" + ready + "))" : "IN (" + ready + ")")
                + " RETURNING id";
        // On PostgreSQL the search must walk the new entries in id order (an index scan that stops
        // after its batch). Each state change of an entry leaves its old version behind until the
        // table is vacuumed, about once a minute: tens of thousands of dead rows under load, beside
        // a few dozen live ones. After some of the analyses that come with a vacuum, the planner
        // instead read every entry the index of new ones still pointed at, then sorted what was left
        // (a bitmap scan), and a claim grew from 0.1 ms to 4.7 ms within a minute. So the claim is
        // planned without either, by settings local to its transaction, sent ahead of it in the
        // same round trip.
        this.claim = postgresql ? "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; " + claimReady
                : claimReady;
    }

    /**
     * Stores a webhook for processing. Returns false for a delivery already received (a redelivery
     * by Chat2Desk, or the same event delivered to another instance): nothing more to do for it.
     * The event's key goes into {@code inbox_seen} in the same transaction, and stays there after
     * the entry is finished and deleted, for as long as Chat2Desk may deliver it again.
     */
    public boolean store(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event) {
        Timestamp now = Timestamp.from(Instant.now());
        String dedupKey = event.dedupKey();
        String chatKey = event.clientId() == null ? "-" : String.valueOf(event.clientId());
        Parameters key = s -> {
            s.setString(1, channel.id());
            s.setString(2, dedupKey);
            s.setTimestamp(3, now);
        };
        try {
            int[] stored = postgresql
                    ? writes.execute(Statement.of(STORE_KEY_THEN_ENTRY, s -> {
                        key.bind(s);
                        bindEntry(s, 4, channel.id(), dedupKey, chatKey, event.body(), now);
                    }))
                    : writes.execute(Statement.of(STORE_KEY, key), Statement.of(STORE_ENTRY, s ->
                            bindEntry(s, 1, channel.id(), dedupKey, chatKey, event.body(), now)).onlyAfterAChange());
            // an entry whose key was forgotten while it stayed (a dead letter) is not stored twice either
            return stored[stored.length - 1] == 1;
        } catch (SQLException e) {
            throw new StoreException("could not store the webhook of channel " + channel.id(), e);
        }
    }

    /** The new entry's parameters of {@link #STORE_ENTRY}, from parameter {@code first} on. */
    private static void bindEntry(PreparedStatement s, int first, String channelId, String dedupKey, String chatKey,
                                  String body, Timestamp now) throws SQLException {
        s.setString(first, channelId);
        s.setString(first + 1, dedupKey);
        s.setString(first + 2, chatKey);
        s.setString(first + 3, body);
        s.setTimestamp(first + 4, now);
        s.setTimestamp(first + 5, now);
        s.setTimestamp(first + 6, now);
    }

    /**
     * Stores replies the Agent sends first into a client's chat: an entry whose answer is already
     * known, so it is sent like any other, in the chat's order, with the same retries.
     */
    public void storeReplies(String channelId, long clientId, String repliesJson) {
        String sql = "INSERT INTO inbox (channel_id, dedup_key, chat_key, body, state, redelivery, attempts,"
                + " next_attempt_at, replies, replies_sent, received_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'new', ?, 0, ?, ?, 0, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        String dedupKey = AGENT_MESSAGE + ":" + UUID.randomUUID();
        try {
            writes.execute(Statement.of(sql, s -> {
                s.setString(1, channelId);
                s.setString(2, dedupKey);
                s.setString(3, String.valueOf(clientId));
                s.setString(4, "{\"hook_type\":\"" + AGENT_MESSAGE + "\",\"client_id\":" + clientId + "}");
                s.setBoolean(5, false);
                s.setTimestamp(6, now);
                s.setString(7, repliesJson);
                s.setTimestamp(8, now);
                s.setTimestamp(9, now);
            }));
        } catch (SQLException e) {
            throw new StoreException("could not store the Agent's message for client " + clientId, e);
        }
    }

    /**
     * Claims up to {@code limit} entries that are due and whose chat's lane is free (no earlier
     * entry of the chat waits, none is in hand). Ordered by state and id, so that the queue index
     * serves the order and the search stops after {@code limit} entries however long the backlog
     * is: the search is a sub-query of its own with that limit, run once, which the update takes
     * its entries from. On PostgreSQL {@code id = ANY (ARRAY(search))} keeps it so: written as
     * {@code id IN (search)}, PostgreSQL planned the lane test as joins over the whole backlog, and
     * each claim cost more as the backlog grew (3.8 messages/s in the bench, PostgreSQL at a full
     * core). Returned in the order they arrived.
     *
     * <p>It runs in the shared writer's next commit, so a claim waits for the commit before it:
     * that paces the claims, each taking what the workers freed meanwhile. (On a connection of
     * its own, beside the writer, the dispatcher claimed after nearly every finished message, five
     * entries at a time, and on PostgreSQL each claim read about 440 pages however few it found:
     * with the bundle on one core, the database's CPU per message went from 1.0 ms to 3.5 ms.)
     */
    public List<InboxEntry> claimReady(int limit) {
        return claimReady(limit, channelId -> limit);
    }

    /**
     * Claims as {@link #claimReady(int)} does, in turn across the channels with new entries: each
     * is given an equal share of {@code limit} (at most {@code room} of it, its own bound), what
     * one cannot use goes to the others, and the channel that goes first changes from claim to
     * claim. So a channel with a backlog of thousands takes no more than its share, and a quiet
     * channel's message is claimed at the next claim however long the others' backlogs are.
     */
    public List<InboxEntry> claimReady(int limit, ToIntFunction<String> room) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Long> ids;
        try {
            ids = writes.write(c -> claimInTurn(c, limit, room, now));
        } catch (SQLException e) {
            throw new StoreException("could not claim inbox entries", e);
        }
        return ids.isEmpty() ? List.of() : entries(ids);
    }

    private List<Long> claimInTurn(Connection c, int limit, ToIntFunction<String> room, Timestamp now)
            throws SQLException {
        List<Long> claimed = new ArrayList<>();
        Map<String, Integer> taken = new HashMap<>();
        // the channels that took all they asked for, which may have more
        List<String> open = new ArrayList<>();
        // The channels in turn from where the last claim stopped, found a page at a time: a page of
        // as many channels as the claim may take entries, each given an equal share of what is
        // left. The walk ends when the claim is full or has come round to a channel it saw; so a
        // claim reads no more channels than it needs, and every channel with new entries has its
        // turn within (channels / limit) claims however many of them wait.
        Set<String> seen = new HashSet<>();
        String first = null;
        String after = turnsAfter;
        String stoppedAt = null;
        while (stoppedAt == null) {
            List<String> found = channelsWithNewEntries(c, after, limit);
            if (found.size() < limit && !after.isEmpty()) {
                found.addAll(channelsWithNewEntries(c, "", limit - found.size())); // past the last: from the first
            }
            List<String> page = new ArrayList<>();
            for (String channel : found) {
                if (!seen.add(channel)) {
                    break; // come round to a channel that had its turn
                }
                page.add(channel);
            }
            if (first == null && !page.isEmpty()) {
                first = page.get(0);
            }
            int share = Math.max(1, (limit - claimed.size()) / Math.max(1, page.size()));
            for (String channel : page) {
                if (claimTurn(c, channel, Math.min(share, limit - claimed.size()), room, taken, claimed, now)) {
                    open.add(channel);
                }
                if (claimed.size() == limit) {
                    stoppedAt = channel;
                    break;
                }
            }
            if (page.size() < limit) {
                break; // every channel with new entries had its turn
            }
            after = page.get(page.size() - 1);
        }
        // what the channels that had their turn could not use goes to those that may have more
        while (claimed.size() < limit && !open.isEmpty()) {
            int share = Math.max(1, (limit - claimed.size()) / open.size());
            List<String> more = new ArrayList<>();
            for (String channel : open) {
                if (claimTurn(c, channel, Math.min(share, limit - claimed.size()), room, taken, claimed, now)) {
                    more.add(channel);
                }
            }
            open = more;
        }
        // a claim that stopped full goes on from there next time; one that came round to where it
        // began (all channels with new entries fit) begins one channel on, so none is always first
        turnsAfter = stoppedAt != null ? stoppedAt : first == null ? "" : first;
        return claimed;
    }

    /**
     * Claims up to {@code ask} entries of the channel, within its room. Returns whether it got all
     * it asked for: the channel may have more.
     */
    private boolean claimTurn(Connection c, String channel, int ask, ToIntFunction<String> room,
                              Map<String, Integer> taken, List<Long> claimed, Timestamp now) throws SQLException {
        int asked = Math.min(ask, room.applyAsInt(channel) - taken.getOrDefault(channel, 0));
        if (asked <= 0) {
            return false;
        }
        List<Long> got = claim(c, channel, asked, now);
        claimed.addAll(got);
        taken.merge(channel, got.size(), Integer::sum);
        return got.size() == asked;
    }

    /** Up to {@code count} channels with new entries, due or not, from the first after {@code after}. */
    private static List<String> channelsWithNewEntries(Connection c, String after, int count) throws SQLException {
        List<String> channels = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CHANNELS_WITH_NEW_ENTRIES)) {
            s.setString(1, after);
            s.setInt(2, count);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    channels.add(r.getString(1));
                }
            }
        }
        return channels;
    }

    /**
     * The claim returns the entries' ids only: the driver sends a statement whose rows it cannot
     * size (the bodies' text) only after the answers to those before it, which cost the writer a
     * round trip more. The entries are read after the commit, beside the writer.
     */
    private List<Long> claim(Connection c, String channelId, int limit, Timestamp now) throws SQLException {
        List<Long> claimed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(claim)) {
            s.setString(1, instanceId);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setString(4, channelId);
            s.setTimestamp(5, now);
            s.setInt(6, limit);
            boolean rows = s.execute();
            while (!rows && s.getUpdateCount() != -1) {
                rows = s.getMoreResults(); // past the settings, to the claimed entries
            }
            try (ResultSet r = s.getResultSet()) {
                while (r.next()) {
                    claimed.add(r.getLong(1));
                }
            }
        }
        return claimed;
    }

    /**
     * The claimed entries, in the order they arrived. They are this instance's: nobody else changes
     * them. Should this read fail, the claims lapse and are taken up after the lease, as a crashed
     * instance's are.
     */
    private List<InboxEntry> entries(List<Long> ids) {
        String sql = "SELECT " + COLUMNS + " FROM inbox WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY id";
        return select("the claimed inbox entries", sql, s -> {
            for (int i = 0; i < ids.size(); i++) {
                s.setLong(i + 1, ids.get(i));
            }
        });
    }

    /**
     * The Agent call starts: a crash from here on repeats it, flagged as a redelivery. The
     * message goes on once this is committed; no thread waits for it (as for the writes below).
     */
    public CompletionStage<Void> calling(@ExchangeProperty("entry") InboxEntry entry,
                                         @ExchangeProperty(ChatStore.PENDING_WRITE) Statement chatWrite) {
        Timestamp now = Timestamp.from(Instant.now());
        Statement mark = Statement.of("UPDATE inbox SET state = 'calling', updated_at = ? WHERE id = ?", s -> {
            s.setTimestamp(1, now);
            s.setLong(2, entry.id());
        });
        // the chat as the message leaves it, in the same commit: one write to wait for, not two
        return committed(chatWrite == null ? writes.executeLater(mark) : writes.executeLater(chatWrite, mark),
                "could not mark the Agent call of inbox entry " + entry.id());
    }

    /** The Agent answered: its replies are kept, so that a resumed entry does not ask again. */
    public CompletionStage<Void> answered(@ExchangeProperty("entry") InboxEntry entry,
                                          @ExchangeProperty("replies") String repliesJson) {
        return changeLater(entry, "save the Agent's answer to",
                "UPDATE inbox SET state = 'replying', updated_at = ?, replies = ? WHERE id = ?", s -> {
                    s.setString(2, repliesJson);
                    s.setLong(3, entry.id());
                });
    }

    /**
     * Reply number {@code index} (from 0) went out. The answer's last reply finishes the entry in
     * the same write.
     */
    public CompletionStage<Void> replySent(@ExchangeProperty("entry") InboxEntry entry,
                                           @ExchangeProperty("replyIndex") int index,
                                           @ExchangeProperty("lastReply") boolean last) {
        if (last) {
            return committed(writes.executeLater(finishing(entry, "DELETE FROM inbox WHERE id = ? AND replies_sent <= ?",
                    s -> s.setInt(2, index))), "could not finish inbox entry " + entry.id());
        }
        return changeLater(entry, "record the reply sent for",
                "UPDATE inbox SET updated_at = ?, replies_sent = ? WHERE id = ? AND replies_sent <= ?", s -> {
                    s.setInt(2, index + 1);
                    s.setLong(3, entry.id());
                    s.setInt(4, index);
                });
    }

    /**
     * Put back until {@code delayMillis} from now, where it stands (the replies sent so far stay
     * sent): not a failure, so no attempt is counted and nothing is flagged.
     */
    public CompletionStage<Void> putBack(InboxEntry entry, long delayMillis) {
        return changeLater(entry, "put back", "UPDATE inbox SET state = 'new', owner = NULL, updated_at = ?,"
                + " next_attempt_at = ? WHERE id = ?", s -> {
                    s.setTimestamp(2, Timestamp.from(Instant.now().plusMillis(delayMillis)));
                    s.setLong(3, entry.id());
                });
    }

    /** One change of an entry; the stage completes once it is committed. */
    private CompletionStage<Void> changeLater(InboxEntry entry, String what, String sql, Parameters parameters) {
        Timestamp now = Timestamp.from(Instant.now());
        return committed(writes.executeLater(Statement.of(sql, s -> {
            s.setTimestamp(1, now);
            parameters.bind(s);
        })), "could not " + what + " inbox entry " + entry.id());
    }

    /**
     * What {@code next} makes of the stage's result, once it is there; a failure stays as it is
     * (thenApply would wrap it in a CompletionException, which the route's error handling and the
     * log would show instead of the store's own exception).
     */
    static <T, R> CompletionStage<R> then(CompletionStage<T> stage, Function<T, R> next) {
        CompletableFuture<R> done = new CompletableFuture<>();
        stage.whenComplete((result, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
                return;
            }
            try {
                done.complete(next.apply(result));
            } catch (RuntimeException failed) {
                done.completeExceptionally(failed);
            }
        });
        return done;
    }

    /** Finished: handled, or deliberately left alone. */
    public void done(@ExchangeProperty("entry") InboxEntry entry) {
        finish(entry, "DELETE FROM inbox WHERE id = ?", s -> { });
    }

    /**
     * A finished entry is deleted: its body and the Agent's replies are no longer needed, and its
     * key stays in {@code inbox_seen} until Chat2Desk can no longer redeliver it. Deleting rather
     * than marking it done leaves whole pages free for new entries to take, so the store does not
     * grow with the finished ones' leftovers.
     */
    private void finish(InboxEntry entry, String sql, Parameters more) {
        try {
            writes.execute(finishing(entry, sql, more));
        } catch (SQLException e) {
            throw new StoreException("could not finish inbox entry " + entry.id(), e);
        }
    }

    /** The statement that finishes the entry: its id first, then what {@code more} binds. */
    private static Statement finishing(InboxEntry entry, String sql, Parameters more) {
        return Statement.of(sql, s -> {
            s.setLong(1, entry.id());
            more.bind(s);
        });
    }

    /**
     * A failure: retried later with exponential backoff and jitter (but not before
     * {@code minDelayMillis}), or, once the policy's bounds are reached ({@link RetryPolicy#NONE}
     * at the first failure), kept as a dead letter with its reason (in words: see {@code FailureReason}).
     * The stage completes with true for a dead letter once the change is committed, in the shared
     * writer's commits: when an Agent is down and every message fails, no thread waits for a commit
     * of its own.
     */
    public CompletionStage<Boolean> failed(InboxEntry entry, String reason, long minDelayMillis, RetryPolicy retries) {
        InboxEntry current = find(entry.id());
        int attempts = current.attempts() + 1;
        Instant now = Instant.now();
        boolean tooOld = Duration.between(current.receivedAt(), now).compareTo(retries.maxAge()) > 0;
        if (attempts >= retries.maxAttempts() || tooOld) {
            String sql = "UPDATE inbox SET state = 'dead', attempts = ?, last_error = ?, updated_at = ? WHERE id = ?";
            return then(committed(writes.executeLater(Statement.of(sql, s -> {
                s.setInt(1, attempts);
                s.setString(2, reason);
                s.setTimestamp(3, Timestamp.from(now));
                s.setLong(4, entry.id());
            })), "could not keep inbox entry " + entry.id() + " as a dead letter"), kept -> {
                LOG.error("Channel {}: inbox entry {} ({}) is a dead letter after {} attempt(s): {}", entry.channelId(),
                        entry.id(), entry.dedupKey(), attempts, reason);
                return true;
            });
        }
        long backoff = Math.min(retries.maxDelay().toMillis(),
                retries.initialDelay().toMillis() * (1L << Math.min(attempts - 1, 20)));
        long delay = Math.max(minDelayMillis, backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        // a failed Agent call may have reached the Agent: the next one is a redelivery
        boolean redelivery = current.redelivery() || "calling".equals(current.state());
        String sql = "UPDATE inbox SET state = 'new', owner = NULL, attempts = ?, last_error = ?, redelivery = ?,"
                + " next_attempt_at = ?, updated_at = ? WHERE id = ?";
        return then(committed(writes.executeLater(Statement.of(sql, s -> {
            s.setInt(1, attempts);
            s.setString(2, reason);
            s.setBoolean(3, redelivery);
            s.setTimestamp(4, Timestamp.from(now.plusMillis(delay)));
            s.setTimestamp(5, Timestamp.from(now));
            s.setLong(6, entry.id());
        })), "could not schedule a retry of inbox entry " + entry.id()), scheduled -> {
            LOG.warn("Channel {}: inbox entry {} ({}) failed (attempt {}), retrying in {} ms: {}", entry.channelId(),
                    entry.id(), entry.dedupKey(), attempts, delay, reason);
            return false;
        });
    }

    /**
     * Takes up entries whose processing was cut short: this instance's own claims at its start (it
     * crashed or was killed), and claims not renewed for a lease ({@link #renewClaims}). An entry cut short
     * during its Agent call is flagged as a redelivery.
     */
    public int recover(boolean ownClaims) {
        String who = ownClaims ? "owner = ?" : "claimed_at < ?";
        String sql = "UPDATE inbox SET redelivery = (CASE WHEN state = 'calling' THEN TRUE ELSE redelivery END),"
                + " state = 'new', owner = NULL, updated_at = ? WHERE state IN ('claimed', 'calling', 'replying') AND " + who;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            if (ownClaims) {
                s.setString(2, instanceId);
            } else {
                s.setTimestamp(2, Timestamp.from(Instant.now().minus(lease)));
            }
            int recovered = s.executeUpdate();
            if (recovered > 0) {
                LOG.warn("{} inbox entries cut short by a stop or a crash are taken up again", recovered);
            }
            return recovered;
        } catch (SQLException e) {
            throw new StoreException("could not recover inbox entries", e);
        }
    }

    /**
     * Renews this instance's claims of the entries it has in hand, so that another instance takes
     * them up only once this one stopped renewing them for a lease (it crashed, hung, or lost the
     * store): a slow Agent or a long series of replies never makes live work look abandoned. It
     * goes through the shared writer like the entries' other changes: on a connection of its own
     * it locked rows that an open group commit was changing, and PostgreSQL broke each such
     * deadlock only after a second, stalling every write waiting behind it.
     */
    public int renewClaims(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String sql = renewal(ids.size());
        Timestamp now = Timestamp.from(Instant.now());
        try {
            return writes.execute(Statement.of(sql, s -> {
                s.setTimestamp(1, now);
                s.setString(2, instanceId);
                int i = 3;
                for (long id : ids) {
                    s.setLong(i++, id);
                }
            }))[0];
        } catch (SQLException e) {
            throw new StoreException("could not renew the claims of inbox entries", e);
        }
    }

    /**
     * The renewal of {@code count} claims. It names no state the index of states could look up:
     * under load that index holds an entry for every claim, Agent call and answer since the last
     * vacuum, and PostgreSQL, counting only the few live ones, walked all of them (28,000-56,000
     * entries, 1,000-15,000 pages, every second) instead of looking the entries up by id. An entry
     * this instance owns is claimed, calling or replying, or dead (a retry, a recovery and a
     * restored dead letter clear the owner), so "not dead" says the same.
     */
    static String renewal(int count) {
        return "UPDATE inbox SET claimed_at = ? WHERE owner = ? AND state <> 'dead'"
                + " AND id IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /** At start: what this instance had in hand when it last stopped (or crashed) is new again, before it claims. */
    public int recoverOwnClaims() {
        int recovered = recover(true);
        LOG.info("Inbox of instance {}: {} entries in hand at the last stop are new again", instanceId, recovered);
        return recovered;
    }

    public int recoverExpiredClaims() {
        return recover(false);
    }

    /**
     * Forgets the keys of events received longer ago than the retention: by then Chat2Desk no
     * longer redelivers them. The oldest first, in steps of at most {@link #PURGE_STEP}, each its
     * own short write, until a step finds fewer. Unfinished entries and dead letters are not keys
     * but inbox entries: they stay. Returns how many keys were forgotten.
     */
    public int purge(Duration retention) {
        String sql = "DELETE FROM inbox_seen WHERE (channel_id, dedup_key) IN (SELECT channel_id, dedup_key"
                + " FROM inbox_seen WHERE received_at < ? ORDER BY received_at LIMIT ?)";
        int forgotten = 0;
        int step;
        do {
            Timestamp before = Timestamp.from(Instant.now().minus(retention));
            try {
                step = writes.execute(Statement.of(sql, s -> {
                    s.setTimestamp(1, before);
                    s.setInt(2, PURGE_STEP);
                }))[0];
            } catch (SQLException e) {
                throw new StoreException("could not purge the inbox", e);
            }
            forgotten += step;
        } while (step == PURGE_STEP);
        if (forgotten > 0) {
            LOG.debug("{} event keys older than {} forgotten", forgotten, retention);
        }
        return forgotten;
    }

    /** The purge with the retention in minutes, as the configuration gives it. */
    public int purgeOlderThanMinutes(long retentionMinutes) {
        return purge(Duration.ofMinutes(retentionMinutes));
    }

    public List<InboxEntry> deadLetters(String channelId) {
        String sql = "SELECT " + COLUMNS + " FROM inbox WHERE channel_id = ? AND state = 'dead' ORDER BY id";
        return select("dead letters", sql, s -> s.setString(1, channelId));
    }

    /** Sends a dead letter again: back to new, with its attempts reset. Returns false if there is no such dead letter. */
    public boolean replay(String channelId, long id) {
        String sql = "UPDATE inbox SET state = 'new', attempts = 0, owner = NULL, next_attempt_at = ?, updated_at = ?"
                + " WHERE id = ? AND channel_id = ? AND state = 'dead'";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Timestamp now = Timestamp.from(Instant.now());
            s.setTimestamp(1, now);
            s.setTimestamp(2, now);
            s.setLong(3, id);
            s.setString(4, channelId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not replay dead letter " + id, e);
        }
    }

    /** Discards a dead letter for good. Returns false if there is no such dead letter. */
    public boolean deleteDeadLetter(String channelId, long id) {
        String sql = "DELETE FROM inbox WHERE id = ? AND channel_id = ? AND state = 'dead'";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setString(2, channelId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not delete dead letter " + id, e);
        }
    }

    InboxEntry find(long id) {
        List<InboxEntry> found = select("inbox entry " + id, "SELECT " + COLUMNS + " FROM inbox WHERE id = ?",
                s -> s.setLong(1, id));
        if (found.isEmpty()) {
            throw new StoreException("no inbox entry " + id, null);
        }
        return found.get(0);
    }

    /** The entries a query finds, read outside the writer; {@code what} names them in an error. */
    private List<InboxEntry> select(String what, String sql, Parameters parameters) {
        List<InboxEntry> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            parameters.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(read(r));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read " + what, e);
        }
        return found;
    }

    private static InboxEntry read(ResultSet r) throws SQLException {
        return new InboxEntry(r.getLong("id"), r.getString("channel_id"), r.getString("dedup_key"), r.getString("body"),
                r.getString("state"), r.getBoolean("redelivery"), r.getInt("attempts"), r.getString("replies"),
                r.getInt("replies_sent"), r.getString("last_error"), r.getTimestamp("received_at").toInstant());
    }

}
