package io.botchannel.chat2desk.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the store: {@code SELECT 1} answers within the time limit. Without the store no
 * webhook can be acknowledged (it is stored first), so the bundle is not ready. It is no liveness
 * matter: restarting the bundle does not mend a database.
 */
public class StoreHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final Duration timeout;
    // The pool can wait long for a connection to a dead database: the query runs here, and /ready waits only so long
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> probe;

    public StoreHealthCheck(DataSource dataSource, Duration timeout) {
        super("chat2desk", "store");
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            currentProbe().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            builder.down().message("the store did not answer SELECT 1 within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            builder.down().message(HealthMessages.plain("the store failed SELECT 1: " + e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted while asking the store");
        }
    }

    /** A probe still waiting on the store is waited for again rather than joined by another. */
    private synchronized Future<?> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = prober.submit(() -> {
                selectOne();
                return null;
            });
        }
        return probe;
    }

    private void selectOne() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
        }
    }
}
