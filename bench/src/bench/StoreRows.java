package bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What a bundle's SQLite store holds, read beside the running bundle (its write-ahead log lets a
 * reader in at any time): the event keys kept and the inbox entries by state.
 * Prints "keys=N entries=N new=N dead=N other=N".
 * Usage: StoreRows storeFile
 */
public final class StoreRows {

    private StoreRows() {
    }

    public static void main(String[] args) throws Exception {
        long total = 0;
        long news = 0;
        long dead = 0;
        long keys;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0] + "?open_mode=1&busy_timeout=10000");
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT state, count(*) FROM inbox GROUP BY state")) {
                while (r.next()) {
                    long n = r.getLong(2);
                    total += n;
                    switch (r.getString(1)) {
                        case "new" -> news += n;
                        case "dead" -> dead += n;
                        default -> { }
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM inbox_seen")) {
                r.next();
                keys = r.getLong(1);
            }
        }
        System.out.printf("keys=%d entries=%d new=%d dead=%d other=%d%n", keys, total, news, dead, total - news - dead);
    }
}
