package io.botchannel.chat2desk.chat;

import static io.botchannel.chat2desk.store.GroupCommit.committed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.store.Columns;
import io.botchannel.chat2desk.store.GroupCommit;
import io.botchannel.chat2desk.store.GroupCommit.Parameters;
import io.botchannel.chat2desk.store.GroupCommit.Statement;
import io.botchannel.chat2desk.store.StoreException;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** Chats in the JDBC store, keyed by channel and Chat2Desk client. */
public class ChatStore {

    /** The exchange property with the chat's write that {@link #remember} leaves for the call's commit. */
    public static final String PENDING_WRITE = "chatWrite";

    private static final String COLUMNS = "channel_id, client_id, transport, chat2desk_channel_id, dialog_id,"
            + " last_message_id, offered_buttons, handed_over";
    private static final String INSERT = "INSERT INTO chat (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final GroupCommit writes;

    public ChatStore(DataSource dataSource, GroupCommit writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    /**
     * Records a client's message: where the chat now is and which message a transfer would name.
     * Fields the event leaves empty keep what was known.
     *
     * @param known the chat as {@link #forEvent} found it, or null for a client not seen before
     */
    public Chat remember(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event,
                         @ExchangeProperty("chat") Chat known, Exchange exchange) {
        Chat chat = new Chat(channel.id(), event.clientId(),
                firstNonNull(event.transport(), known == null ? null : known.transport()),
                firstNonNull(event.chat2deskChannelId(), known == null ? null : known.chat2deskChannelId()),
                firstNonNull(event.dialogId(), known == null ? null : known.dialogId()),
                event.isClientMessage() ? event.messageId() : known == null ? null : known.lastMessageId(),
                known == null ? null : known.offeredButtons(),
                known != null && known.handedOver());
        if (!chat.equals(known)) {
            // written in the commit that marks the Agent call (Inbox#calling), not in one of its own
            exchange.setProperty(PENDING_WRITE, saving(chat));
        }
        return chat;
    }

    public Optional<Chat> find(String channelId, long clientId) {
        String sql = "SELECT " + COLUMNS + " FROM chat WHERE channel_id = ? AND client_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, channelId);
            s.setLong(2, clientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read chat " + clientId, e);
        }
    }

    /**
     * The buttons now offered in the chat, or null; nothing else of the chat changes. The stage
     * completes once this is committed, in the shared writer's commits; no thread waits for it.
     */
    public CompletionStage<Void> offerButtons(Chat chat, String buttonsJson) {
        return changeLater(chat, "offered_buttons", s -> s.setString(1, buttonsJson), "save the buttons of");
    }

    /**
     * One column of the chat set (parameter 1) with its updated_at; the stage completes once this
     * is committed, in the shared writer's commits, with no thread waiting for it.
     */
    private CompletionStage<Void> changeLater(Chat chat, String column, Parameters value, String what) {
        Timestamp now = Timestamp.from(Instant.now());
        return committed(writes.executeLater(Statement.of("UPDATE chat SET " + column
                + " = ?, updated_at = ? WHERE channel_id = ? AND client_id = ?", s -> {
                    value.bind(s);
                    s.setTimestamp(2, now);
                    s.setString(3, chat.channelId());
                    s.setLong(4, chat.clientId());
                })), "could not " + what + " chat " + chat.clientId());
    }

    /**
     * The bot takes back the chat the event names (by client or dialog) if it had handed it over.
     *
     * @return whether a handed-over chat became the bot's again
     */
    public boolean takeBack(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event) {
        if (event.clientId() == null && event.dialogId() == null) {
            return false;
        }
        String sql = "UPDATE chat SET handed_over = ?, updated_at = ? WHERE channel_id = ? AND handed_over = ?"
                + " AND (client_id = ? OR dialog_id = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setBoolean(1, false);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setString(3, channel.id());
            s.setBoolean(4, true);
            s.setLong(5, event.clientId() == null ? -1 : event.clientId());
            s.setLong(6, event.dialogId() == null ? -1 : event.dialogId());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("could not update chats of channel " + channel.id(), e);
        }
    }

    /** The chat the event belongs to, as known before it, or null when it names no known client. */
    public Chat forEvent(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event) {
        return event.clientId() == null ? null : find(channel.id(), event.clientId()).orElse(null);
    }

    /**
     * Records a chat Chat2Desk knows but the bundle has not seen yet (the Agent writes first). If a
     * message of the client recorded the chat meanwhile, what it recorded stays.
     */
    public Chat known(String channelId, long clientId) {
        Chat chat = new Chat(channelId, clientId, null, null, null, null, null, false);
        try {
            writes.execute(Statement.of(INSERT + " ON CONFLICT DO NOTHING", s -> bindAll(s, chat)));
        } catch (SQLException e) {
            throw new StoreException("could not save chat " + clientId, e);
        }
        return find(channelId, clientId).orElse(chat);
    }

    /** The chat was handed to a human by the bot. */
    public CompletionStage<Void> handedOver(@ExchangeProperty("chat") Chat chat) {
        return changeLater(chat, "handed_over", s -> s.setBoolean(1, true), "remember the hand-over of");
    }

    /**
     * Inserts the chat, or updates it when it is known; committed before this returns. One
     * statement, so that another message of a new client inserting it first is no error.
     */
    /** The write that saves every field of the chat. */
    static Statement saving(Chat chat) {
        String sql = INSERT + " ON CONFLICT (channel_id, client_id) DO UPDATE SET transport = excluded.transport,"
                + " chat2desk_channel_id = excluded.chat2desk_channel_id, dialog_id = excluded.dialog_id,"
                + " last_message_id = excluded.last_message_id, offered_buttons = excluded.offered_buttons,"
                + " handed_over = excluded.handed_over, updated_at = excluded.updated_at";
        return Statement.of(sql, s -> bindAll(s, chat));
    }

    private static void bindAll(PreparedStatement s, Chat chat) throws SQLException {
        s.setString(1, chat.channelId());
        s.setLong(2, chat.clientId());
        bind(s, 3, chat);
        s.setTimestamp(9, Timestamp.from(Instant.now()));
    }

    private static void bind(PreparedStatement s, int first, Chat chat) throws SQLException {
        s.setString(first, chat.transport());
        Columns.setLong(s, first + 1, chat.chat2deskChannelId());
        Columns.setLong(s, first + 2, chat.dialogId());
        Columns.setLong(s, first + 3, chat.lastMessageId());
        s.setString(first + 4, chat.offeredButtons());
        s.setBoolean(first + 5, chat.handedOver());
    }

    private static Chat read(ResultSet r) throws SQLException {
        return new Chat(r.getString("channel_id"), r.getLong("client_id"), r.getString("transport"),
                Columns.getLong(r, "chat2desk_channel_id"), Columns.getLong(r, "dialog_id"),
                Columns.getLong(r, "last_message_id"),
                r.getString("offered_buttons"), r.getBoolean("handed_over"));
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }
}
