package io.botchannel.chat2desk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** Opens the JDBC store (H2 or PostgreSQL) and brings its schema up to date with Flyway. */
public final class StoreDataSource {

    private StoreDataSource() {
    }

    public static HikariDataSource open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setPoolName("channel-store");
        config.setMaximumPoolSize(16);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    /**
     * An acknowledged webhook must survive a crash of the process. H2 writes committed
     * transactions to its file only every 500 ms by default, so a {@code kill -9} loses the last
     * ones: unless the URL says otherwise, H2 writes each commit at once.
     */
    static String durable(String url) {
        if (url != null && url.startsWith("jdbc:h2:file:") && !url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /**
     * The schema: the migrations common to H2 and PostgreSQL, and those written for one of them
     * ({@code db/vendor/h2}, {@code db/vendor/postgresql}), in one sequence of versions.
     */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource))
                .load()
                .migrate();
    }

    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!product.equals("h2") && !product.equals("postgresql")) {
                throw new StoreException("channel.store.url names a " + product + " database; the store runs on H2 or PostgreSQL", null);
            }
            return product;
        } catch (SQLException e) {
            throw new StoreException("could not open the store: " + e.getMessage(), e);
        }
    }
}
