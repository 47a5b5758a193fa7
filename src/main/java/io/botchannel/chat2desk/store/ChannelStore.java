package io.botchannel.chat2desk.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.CheckResult;

/** Channels in the JDBC store. The same SQL runs on H2 and PostgreSQL. */
public class ChannelStore {

    private static final String COLUMNS = "id, channel_key, name, api_url, token, token_hash, active_token_hash,"
            + " operator_id, service_messages, agent_url, active, webhook_id, checks, created_at, updated_at,"
            + " fallback_group_id, share_token_with_agent, require_signature";
    private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {
    };
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public ChannelStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Channel channel) {
        String sql = "INSERT INTO channel (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, channel.id());
            s.setString(2, channel.key());
            bindValues(s, 3, channel);
            s.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, channel);
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
        s.setString(i++, channel.token());
        s.setString(i++, tokenHash);
        s.setString(i++, channel.active() ? tokenHash : null);
        setLong(s, i++, channel.operatorId());
        s.setBoolean(i++, channel.serviceMessages());
        s.setString(i++, channel.agentUrl());
        s.setBoolean(i++, channel.active());
        setLong(s, i++, channel.webhookId());
        s.setString(i++, writeChecks(channel.checks()));
        s.setTimestamp(i++, Timestamp.from(channel.createdAt()));
        s.setTimestamp(i++, Timestamp.from(channel.updatedAt()));
        setLong(s, i++, channel.options().fallbackGroupId());
        s.setBoolean(i++, channel.options().shareTokenWithAgent());
        s.setBoolean(i++, channel.options().requireSignature());
        return i;
    }

    private Optional<Channel> one(String sql, String param) {
        return many(sql, param).stream().findFirst();
    }

    private List<Channel> many(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
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
        return new Channel(r.getString("id"), r.getString("channel_key"), r.getString("name"),
                r.getString("api_url"), r.getString("token"), getLong(r, "operator_id"),
                r.getBoolean("service_messages"), r.getString("agent_url"), r.getBoolean("active"),
                getLong(r, "webhook_id"), readChecks(r.getString("checks")),
                r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant(),
                new Channel.Options(getLong(r, "fallback_group_id"), r.getBoolean("share_token_with_agent"),
                        r.getBoolean("require_signature")));
    }

    private RuntimeException translate(SQLException e, Channel channel) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState()) && channel.active()) {
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

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
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
