package io.botchannel.chat2desk.kamelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.ExchangeProperty;

/**
 * The events {@code chat2desk-source} has handed on, by key, in a database (an SQLite file or
 * PostgreSQL), so that Chat2Desk's redeliveries (10 s, 5 min and 2 h after a delivery it got no
 * 2xx for) are acknowledged without being handed on again, also after a restart. An event is
 * remembered only once the route that took it has finished with it: one that failed is handed on
 * again when Chat2Desk redelivers it. Keys are forgotten after the retention.
 */
public class ReceivedEvents implements AutoCloseable {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private String url;
    private String user;
    private String password;
    private String source;
    private Duration retention = Duration.ofMinutes(180);
    private Clock clock = Clock.systemUTC();
    private HikariDataSource dataSource;
    private volatile long nextPurge;

    /** Configured by its properties, then {@link #open()}ed, as a Kamelet's bean is. */
    public ReceivedEvents() {
    }

    ReceivedEvents(String url, String user, String password, String source, Duration retention, Clock clock) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.source = source;
        this.retention = retention;
        this.clock = clock;
        open();
    }

    /** The JDBC URL of the database: an SQLite file or PostgreSQL. */
    public void setUrl(String url) {
        this.url = KameletAccount.decoded(url, ":");
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Names this source's keys, so that several sources may share a database. */
    public void setSource(String source) {
        this.source = KameletAccount.decoded(source, "/");
    }

    /** How long an event handed on is remembered. */
    public void setRetentionMinutes(int retentionMinutes) {
        this.retention = Duration.ofMinutes(retentionMinutes);
    }

    /** Connects to the database and prepares its table. */
    public void open() {
        KameletAccount.required(source, "source");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(KameletAccount.required(url, "storeUrl"));
        config.setPoolName("chat2desk-source");
        config.setMaximumPoolSize(4);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        if (url.startsWith(SQLITE)) {
            createDirectoryOf(url.substring(SQLITE.length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "30000");
        }
        this.dataSource = new HikariDataSource(config);
        try {
            createTable();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Whether the event has not been handed on yet (or so long ago that it was forgotten). */
    public boolean isNew(@ExchangeProperty("eventKey") String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM chat2desk_source_received WHERE source = ? AND event_key = ?")) {
            s.setString(1, source);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return !r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the received events: " + e.getMessage(), e);
        }
    }

    /** Remembers that the event was handed on, and now and then forgets those past the retention. */
    public void remember(@ExchangeProperty("eventKey") String key) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO chat2desk_source_received (source, event_key, received_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, source);
                s.setString(2, key);
                s.setLong(3, now);
                s.executeUpdate();
            }
            if (now >= nextPurge) {
                nextPurge = now + PURGE_EVERY.toMillis();
                try (PreparedStatement s = c.prepareStatement("DELETE FROM chat2desk_source_received WHERE received_at < ?")) {
                    s.setLong(1, now - retention.toMillis());
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not remember the received event: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS chat2desk_source_received (source VARCHAR(255) NOT NULL,"
                    + " event_key VARCHAR(255) NOT NULL, received_at BIGINT NOT NULL, PRIMARY KEY (source, event_key))");
            s.execute("CREATE INDEX IF NOT EXISTS chat2desk_source_received_at ON chat2desk_source_received (received_at)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the received events' table: " + e.getMessage(), e);
        }
    }

    /** SQLite creates its file but not the folders above it. */
    private static void createDirectoryOf(String file) {
        int query = file.indexOf('?');
        String path = query >= 0 ? file.substring(0, query) : file;
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        try {
            Files.createDirectories(Path.of(path).toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("could not create the folder of " + path + ": " + e.getMessage(), e);
        }
    }
}
