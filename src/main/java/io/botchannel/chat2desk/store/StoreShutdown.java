package io.botchannel.chat2desk.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Closes the store when Camel stops: first the shared writer, after the writes still queued, then
 * the connection pool they need. One bean for both, since a runtime destroys beans in an order of
 * its own.
 */
public final class StoreShutdown {

    private final GroupCommit writes;
    private final HikariDataSource dataSource;

    public StoreShutdown(GroupCommit writes, HikariDataSource dataSource) {
        this.writes = writes;
        this.dataSource = dataSource;
    }

    public void close() {
        writes.close();
        dataSource.close();
    }
}
