package bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The inbox rows a bundle's SQLite store holds, by state, read beside the running bundle (its
 * write-ahead log lets a reader in at any time). Prints "rows=N new=N done=N dead=N other=N".
 * Usage: StoreRows storeFile
 */
public final class StoreRows {

    private StoreRows() {
    }

    public static void main(String[] args) throws Exception {
        long total = 0;
        long news = 0;
        long done = 0;
        long dead = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0] + "?open_mode=1&busy_timeout=10000");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT state, count(*) FROM inbox GROUP BY state")) {
            while (r.next()) {
                long n = r.getLong(2);
                total += n;
                switch (r.getString(1)) {
                    case "new" -> news += n;
                    case "done" -> done += n;
                    case "dead" -> dead += n;
                    default -> { }
                }
            }
        }
        System.out.printf("rows=%d new=%d done=%d dead=%d other=%d%n", total, news, done, dead, total - news - done - dead);
    }
}
