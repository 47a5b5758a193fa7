package io.botchannel.chat2desk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the writes of many threads in shared transactions. A commit is the store's most expensive
 * step (SQLite appends to its log and takes the one write lock, PostgreSQL flushes its log), and every message
 * needs several: one writer thread commits whatever writes are waiting together, so commits no
 * longer set the pace when many messages are in flight. Each caller waits for the commit that
 * holds its write: a write that returned is durable, as if it had committed alone.
 *
 * <p>A write that fails must not take others with it: the batch is rolled back and each of its
 * writes runs again in a transaction of its own, where only the failing one fails. So a write must
 * only touch the store (it may run twice), and it sees the writes queued before it.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Enough to carry every worker's and HTTP thread's write at once, few enough to keep a commit short. */
    private static final int MAX_BATCH = 128;

    /** A unit of work on the store, run inside a transaction it must not commit itself. */
    @FunctionalInterface
    public interface Write<T> {
        T apply(Connection connection) throws SQLException;
    }

    private record Pending<T>(Write<T> write, CompletableFuture<T> result) {

        void run(Connection connection, List<Runnable> completions) throws SQLException {
            T value = write.apply(connection);
            completions.add(() -> result.complete(value));
        }
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::writeUntilClosed, "store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs the write in the next shared transaction and returns its result once that committed. */
    public <T> T write(Write<T> write) throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        Pending<T> pending = new Pending<>(write, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("store write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the store; the write may still be committed", e);
        }
    }

    /** How many writes wait for the writer. */
    int queued() {
        return queue.size();
    }

    /** Lets the writes already queued finish, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending<?> late = queue.poll(); late != null; late = queue.poll()) {
            late.result().completeExceptionally(new SQLException("the store is closed"));
        }
    }

    private void writeUntilClosed() {
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending<?>> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // never leave the writer dead with callers waiting on it
                LOG.error("The store writer failed; it goes on with the next writes", t);
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        Throwable failure;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending<?> pending : batch) {
                    pending.run(connection, completions);
                }
                connection.commit();
                completions.forEach(Runnable::run);
                return;
            } catch (SQLException | RuntimeException e) {
                failure = e;
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        } catch (Error e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
            throw e;
        }
        if (batch.size() == 1) {
            batch.get(0).result().completeExceptionally(failure);
            return;
        }
        // none of the batch is committed: each write again on its own, so that only the failing one fails
        for (Pending<?> pending : batch) {
            commit(List.of(pending));
        }
    }
}
