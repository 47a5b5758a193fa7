package io.botchannel.chat2desk.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the JDBC store (an embedded SQLite file, or PostgreSQL) and brings its schema up to date
 * with Flyway.
 */
public final class StoreDataSource {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDataSource.class);
    private static final String SQLITE = "jdbc:sqlite:";

    private StoreDataSource() {
    }

    public static HikariDataSource open(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new StoreException("channel.store.url is empty: name a jdbc:sqlite: file or a jdbc:postgresql: database", null);
        }
        if (url.startsWith("jdbc:h2:")) {
            throw new StoreException("channel.store.url names an H2 database, which the bundle no longer uses (its file"
                    + " grew without bound under load): use the default jdbc:sqlite:./data/channels.db or PostgreSQL", null);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        driver(url).ifPresent(config::setDriverClassName);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setPoolName("channel-store");
        config.setMaximumPoolSize(16);
        if (url.startsWith(SQLITE)) {
            embedded(config, url);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            MigrateResult schema = migrate(dataSource);
            // one line per pool the start opens: a start that opened two would show it here
            LOG.info("Store opened: {} connections at most, schema at version {} ({} migrations applied now)",
                    config.getMaximumPoolSize(), schema.targetSchemaVersion == null ? schema.initialSchemaVersion
                            : schema.targetSchemaVersion, schema.migrationsExecuted);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * The embedded store: one SQLite file in write-ahead-log mode. A commit appends to the log and
     * is on disk (in the operating system's hands) before the call returns, so a {@code kill -9}
     * loses nothing acknowledged; {@code synchronous=NORMAL} leaves the flush to the disk itself to
     * the log's checkpoints, as a power cut is not what this store promises to survive (add
     * {@code ?synchronous=FULL} to the URL for that, at one flush per commit). Space freed by
     * deleted rows is reused, so the file stays as large as the rows it keeps. Every transaction
     * takes the write lock when it begins: SQLite has one writer, and a transaction that first
     * reads and then wants to write would otherwise fail at once when another one wrote meanwhile.
     */
    private static void embedded(HikariConfig config, String url) {
        createFileOf(url);
        String options = url.toLowerCase(Locale.ROOT);
        property(config, options, "journal_mode", "WAL");
        property(config, options, "synchronous", "NORMAL");
        property(config, options, "busy_timeout", "30000");
        property(config, options, "foreign_keys", "true");
        property(config, options, "transaction_mode", "IMMEDIATE");
        // a checkpoint that emptied the log also shrinks its file back to this size (bytes)
        property(config, options, "journal_size_limit", String.valueOf(8 * 1024 * 1024));
        // readers never wait for the writer in WAL mode; a few connections serve the dispatcher and the API
        config.setMaximumPoolSize(8);
    }

    /**
     * The driver of the URL's database by name, so that it is loaded from the class loader that holds
     * the bundle: the JDBC driver manager sees only drivers of the application's own class loader,
     * and a runtime that adds the bundle and its dependencies at run time ({@code camel run --dep})
     * keeps them in a loader of their own ("No suitable driver").
     */
    static Optional<String> driver(String url) {
        if (url.startsWith(SQLITE)) {
            return Optional.of("org.sqlite.JDBC");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of("org.postgresql.Driver");
        }
        return Optional.empty();
    }

    /** A setting the URL does not make itself. */
    private static void property(HikariConfig config, String url, String name, String value) {
        if (!url.contains(name + "=")) {
            config.addDataSourceProperty(name, value);
        }
    }

    /**
     * SQLite creates its file but not the folders above it, and makes it readable by everyone the
     * umask allows. The store holds the channels' tokens: the folders the bundle creates are 0700 and
     * a new store file 0600, which SQLite passes on to its write-ahead log beside it.
     */
    private static void createFileOf(String url) {
        String file = url.substring(SQLITE.length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path path = Path.of(file).toAbsolutePath();
        try {
            PrivateFiles.createDirectories(path.getParent());
            if (!Files.exists(path)) {
                // an empty file is an empty SQLite database
                PrivateFiles.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another start on the same file
        } catch (IOException e) {
            throw new StoreException("could not create the store's file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema: for PostgreSQL the migrations in {@code db/migration} and those written for it
     * alone ({@code db/vendor/postgresql}); SQLite's dialect differs enough (no identity columns)
     * that it has its own set ({@code db/vendor/sqlite}), with the same version numbers.
     */
    static MigrateResult migrate(DataSource dataSource) {
        String vendor = vendor(dataSource);
        String[] locations = vendor.equals("sqlite")
                ? new String[] {"classpath:db/vendor/sqlite"}
                : new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendor};
        // the migrations are read from the bundle's own class loader, which on camel run is not the thread's
        return Flyway.configure(StoreDataSource.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .load()
                .migrate();
    }

    /** "sqlite" or "postgresql": the store's dialect. */
    public static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.equals("sqlite") && !product.equals("postgresql")) {
                throw new StoreException("channel.store.url names a " + product + " database; the store runs on SQLite or PostgreSQL", null);
            }
            return product;
        } catch (SQLException e) {
            throw new StoreException("could not open the store: " + e.getMessage(), e);
        }
    }
}
