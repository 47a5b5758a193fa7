package io.botchannel.chat2desk.store;

import java.sql.SQLException;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A write refused because a row with the same unique key exists: a redelivered event, a chat
 * another message saved first, a token another active channel uses. Each store says so its own way.
 */
public final class UniqueViolation {

    /** PostgreSQL's SQLSTATE for a unique violation (the SQL standard's integrity-constraint class). */
    private static final String POSTGRESQL = "23505";

    private UniqueViolation() {
    }

    public static boolean is(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return POSTGRESQL.equals(e.getSQLState());
    }
}
