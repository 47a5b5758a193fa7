package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.botchannel.chat2desk.store.StoreDataSource;
import org.apache.camel.main.Main;

/**
 * The minimal relay plus the one durable write that "acknowledged means stored" needs: the
 * webhook's body is committed to the bundle's embedded store (the same SQLite file settings)
 * before the Agent is called, and deleted once the reply went to Chat2Desk. Nothing else: no
 * de-duplication, no ordering, no retries. Its rate is the most a durable relay does here.
 * Usage: DurableRelay relayDir storeFile (relayDir holding durable-relay.camel.yaml and relay.properties)
 */
public final class DurableRelay {

    private final DataSource store;

    private DurableRelay(DataSource store) throws SQLException {
        this.store = store;
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS relay_inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)");
        }
    }

    /** Commits the webhook; returns its row id. */
    public long store(String body) throws SQLException {
        try (Connection c = store.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO relay_inbox (body) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, body);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The reply went out: the row is no longer needed. */
    public void remove(long id) throws SQLException {
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM relay_inbox WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Main main = new Main();
        main.bind("durableWrite", new DurableRelay(StoreDataSource.open("jdbc:sqlite:" + args[1], "", "")));
        main.setPropertyPlaceholderLocations("file:" + dir + "/relay.properties");
        main.configure().withRoutesIncludePattern("file:" + dir + "/durable-relay.camel.yaml");
        main.run();
    }
}
