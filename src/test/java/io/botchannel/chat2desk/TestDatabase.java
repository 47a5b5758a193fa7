package io.botchannel.chat2desk;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.store.StoreDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty store for one test class: an embedded SQLite file of its own under {@code target/},
 * as the bundle's default store, or a schema of its own in the
 * PostgreSQL named by {@code TEST_POSTGRES_URL} / {@code TEST_POSTGRES_USER} /
 * {@code TEST_POSTGRES_PASSWORD} (which {@code .ci/run} starts). Without them the PostgreSQL
 * variants are skipped locally, and fail under {@code CI=true}.
 */
public final class TestDatabase implements AutoCloseable {

    /** The stores the store and lifecycle tests run against. */
    public enum Kind { SQLITE, POSTGRES }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final List<HikariDataSource> stores = new ArrayList<>();

    private TestDatabase(Kind kind, String url, String user, String password, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static TestDatabase of(Kind kind) {
        return kind == Kind.SQLITE ? sqlite() : postgres();
    }

    public static TestDatabase sqlite() {
        return new TestDatabase(Kind.SQLITE, "jdbc:sqlite:" + sqliteFile(), "", "", null);
    }

    /** A new store file's path under the build's temp dir (the JVM's, which the build points into target/). */
    public static String sqliteFile() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "stores");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("no folder for test stores: " + e.getMessage(), e);
        }
        return folder.resolve(UUID.randomUUID() + ".db").toString();
    }

    public static TestDatabase postgres() {
        String base = System.getenv("TEST_POSTGRES_URL");
        if (base == null || base.isBlank()) {
            String why = "no PostgreSQL configured: set TEST_POSTGRES_URL (jdbc:postgresql://127.0.0.1:5432/db),"
                    + " TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD, as .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, but " + why);
            }
            System.err.println("PostgreSQL variant skipped: " + why);
            Assumptions.abort("PostgreSQL variant skipped: " + why);
        }
        String user = envOr("TEST_POSTGRES_USER", "");
        String password = envOr("TEST_POSTGRES_PASSWORD", "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("the PostgreSQL of TEST_POSTGRES_URL=" + base + " could not be used: " + e.getMessage(), e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(Kind.POSTGRES, url, user, password, schema);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The bundle's store keys for this database. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("channel.store.url", url);
        properties.put("channel.store.user", user);
        properties.put("channel.store.password", password);
        return properties;
    }

    /** The bundle's store on this database, its schema migrated as at a start; closed with the database. */
    public HikariDataSource openStore() {
        HikariDataSource store = StoreDataSource.open(url, user, password);
        stores.add(store);
        return store;
    }

    /** A plain JDBC connection, to look at the rows as they are stored. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        stores.forEach(HikariDataSource::close);
        if (kind == Kind.SQLITE) {
            String file = url.substring("jdbc:sqlite:".length());
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    Files.deleteIfExists(Path.of(file + suffix));
                } catch (IOException e) {
                    throw new IllegalStateException("test store not deleted: " + e.getMessage(), e);
                }
            }
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("test database not dropped: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
