package io.botchannel.chat2desk.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.store.Columns;
import io.botchannel.chat2desk.store.StoreException;
import io.botchannel.chat2desk.store.TokenCipher;
import io.botchannel.chat2desk.store.TokenInUseException;
import io.botchannel.chat2desk.store.UniqueViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels in the JDBC store. The same SQL runs on SQLite and PostgreSQL. Tokens are encrypted at
 * rest when a {@link TokenCipher} key is configured; the uniqueness index holds only their hash.
 */
public class ChannelStore {

    private static final String COLUMNS = "id, channel_key, name, api_url, token, token_hash, active_token_hash,"
            + " operator_id, service_messages, agent_url, active, webhook_id, checks, created_at, updated_at,"
            + " fallback_group_id, share_token_with_agent, require_signature";
    private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {
    };

    private static final Logger LOG = LoggerFactory.getLogger(ChannelStore.class);

    private final DataSource dataSource;
    private final TokenCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    /** A store that keeps tokens as they are. */
    public ChannelStore(DataSource dataSource) {
        this(dataSource, TokenCipher.NONE);
    }

    public ChannelStore(DataSource dataSource, TokenCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /**
     * The store, after making sure every stored token can be read with this cipher: with a key,
     * tokens stored before it was configured are encrypted now; a key that does not open the
     * stored tokens, or encrypted tokens without a key, stop startup with the reason.
     */
    public static ChannelStore open(DataSource dataSource, TokenCipher cipher) {
        ChannelStore store = new ChannelStore(dataSource, cipher);
        store.secureStoredTokens();
        return store;
    }

    private void secureStoredTokens() {
        int encrypted = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, token FROM channel");
             ResultSet r = select.executeQuery()) {
            while (r.next()) {
                String id = r.getString("id");
                String stored = r.getString("token");
                if (TokenCipher.isEncrypted(stored)) {
                    if (!cipher.encrypts()) {
                        throw new IllegalStateException("the store holds encrypted tokens, but channel.store.key is"
                                + " not set: start with the key they were encrypted with");
                    }
                    try {
                        cipher.open(stored, id);
                    } catch (StoreException e) {
                        throw new IllegalStateException("channel.store.key does not decrypt the stored tokens (channel "
                                + id + "): start with the key they were encrypted with", e);
                    }
                } else if (cipher.encrypts()) {
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE channel SET token = ? WHERE id = ? AND token = ?")) {
                        update.setString(1, cipher.seal(stored, id));
                        update.setString(2, id);
                        update.setString(3, stored);
                        encrypted += update.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the stored tokens", e);
        }
        if (encrypted > 0) {
            LOG.info("Encrypted {} stored channel token(s) with channel.store.key", encrypted);
        }
    }

    public void insert(Channel channel) {
        insert(channel, null);
    }

    /** A new channel with the hash of its Agent's key (null: no key yet). */
    public void insert(Channel channel, String agentKeyHash) {
        String sql = "INSERT INTO channel (" + COLUMNS + ", agent_key_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, channel.id());
            s.setString(2, channel.key());
            int next = bindValues(s, 3, channel);
            s.setString(next, agentKeyHash);
            s.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, channel);
        }
    }

    /**
     * Replaces the hash of the channel's Agent key: the old key stops working at once.
     *
     * @return false when there is no such channel
     */
    public boolean replaceAgentKey(String id, String agentKeyHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE channel SET agent_key_hash = ? WHERE id = ?")) {
            s.setString(1, agentKeyHash);
            s.setString(2, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("could not save the Agent key of channel " + id, e);
        }
    }

    /** The hash of the channel's Agent key; empty for an unknown channel or one without a key. */
    public Optional<String> agentKeyHash(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT agent_key_hash FROM channel WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the Agent key of channel " + id, e);
        }
    }

    /** Saves every field of the channel. */
    public void update(Channel channel) {
        String sql = "UPDATE channel SET name = ?, api_url = ?, token = ?, token_hash = ?, active_token_hash = ?,"
                + " operator_id = ?, service_messages = ?, agent_url = ?, active = ?, webhook_id = ?, checks = ?,"
                + " created_at = ?, updated_at = ?, fallback_group_id = ?, share_token_with_agent = ?,"
                + " require_signature = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = bindValues(s, 1, channel);
            s.setString(next, channel.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, channel);
        }
    }

    public Optional<Channel> findById(String id) {
        return one("SELECT " + COLUMNS + " FROM channel WHERE id = ?", id);
    }

    /** The channels with these ids (those that still exist), in one read. */
    public List<Channel> findByIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return many("SELECT " + COLUMNS + " FROM channel WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids.toArray());
    }

    public Optional<Channel> findByKey(String key) {
        return one("SELECT " + COLUMNS + " FROM channel WHERE channel_key = ?", key);
    }

    /** The active channel that uses this token, other than the channel {@code exceptId}. */
    public Optional<Channel> findActiveByToken(String token, String exceptId) {
        return many("SELECT " + COLUMNS + " FROM channel WHERE active_token_hash = ? AND id <> ?",
                hash(token), exceptId == null ? "" : exceptId).stream().findFirst();
    }

    public List<Channel> list() {
        return many("SELECT " + COLUMNS + " FROM channel ORDER BY created_at, id");
    }

    public List<Channel> listActive() {
        return many("SELECT " + COLUMNS + " FROM channel WHERE active = ? ORDER BY created_at, id", true);
    }

    /**
     * Records a re-verification of an active channel: its webhook and checks, nothing else, so
     * that a change saved meanwhile is not overwritten.
     *
     * @return false when the channel is no longer active
     */
    public boolean updateVerification(String id, Long webhookId, List<CheckResult> checks) {
        String sql = "UPDATE channel SET webhook_id = ?, checks = ?, updated_at = ? WHERE id = ? AND active = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Columns.setLong(s, 1, webhookId);
            s.setString(2, writeChecks(checks));
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.setString(4, id);
            s.setBoolean(5, true);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("could not save the checks of channel " + id, e);
        }
    }

    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM channel WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("could not delete channel " + id, e);
        }
    }

    private int bindValues(PreparedStatement s, int first, Channel channel) throws SQLException {
        int i = first;
        String tokenHash = hash(channel.token());
        s.setString(i++, channel.name());
        s.setString(i++, channel.apiUrl());
        s.setString(i++, cipher.seal(channel.token(), channel.id()));
        s.setString(i++, tokenHash);
        s.setString(i++, channel.active() ? tokenHash : null);
        Columns.setLong(s, i++, channel.operatorId());
        s.setBoolean(i++, channel.serviceMessages());
        s.setString(i++, channel.agentUrl());
        s.setBoolean(i++, channel.active());
        Columns.setLong(s, i++, channel.webhookId());
        s.setString(i++, writeChecks(channel.checks()));
        s.setTimestamp(i++, Timestamp.from(channel.createdAt()));
        s.setTimestamp(i++, Timestamp.from(channel.updatedAt()));
        Columns.setLong(s, i++, channel.options().fallbackGroupId());
        s.setBoolean(i++, channel.options().shareTokenWithAgent());
        s.setBoolean(i++, channel.options().requireSignature());
        return i;
    }

    private Optional<Channel> one(String sql, String param) {
        return many(sql, param).stream().findFirst();
    }

    private List<Channel> many(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Channel> channels = new ArrayList<>();
                while (r.next()) {
                    channels.add(read(r));
                }
                return channels;
            }
        } catch (SQLException e) {
            throw new StoreException("could not read channels", e);
        }
    }

    private Channel read(ResultSet r) throws SQLException {
        String id = r.getString("id");
        return new Channel(id, r.getString("channel_key"), r.getString("name"),
                r.getString("api_url"), cipher.open(r.getString("token"), id), Columns.getLong(r, "operator_id"),
                r.getBoolean("service_messages"), r.getString("agent_url"), r.getBoolean("active"),
                Columns.getLong(r, "webhook_id"), readChecks(r.getString("checks")),
                r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant(),
                new Channel.Options(Columns.getLong(r, "fallback_group_id"), r.getBoolean("share_token_with_agent"),
                        r.getBoolean("require_signature")));
    }

    private RuntimeException translate(SQLException e, Channel channel) {
        if (UniqueViolation.is(e) && channel.active()) {
            return new TokenInUseException("another active channel already uses this token");
        }
        return new StoreException("could not save channel " + channel.id(), e);
    }

    private String writeChecks(List<CheckResult> checks) {
        try {
            return json.writeValueAsString(checks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CheckResult> readChecks(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, CHECKS);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable checks column", e);
        }
    }

    /** Tokens are compared by hash, so the uniqueness index never holds a usable token. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
