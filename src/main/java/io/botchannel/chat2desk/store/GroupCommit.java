package io.botchannel.chat2desk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>On PostgreSQL each statement sent alone costs a round trip, and a database across a network
 * makes that the price of every write. So writes made of {@linkplain #execute statements} go in
 * rounds: the first statement of every such write waiting, then the second, and so on; in each
 * round the statements of one SQL go to the database as one JDBC batch, one round trip however
 * many writes wait. (Not as PostgreSQL's rewritten multi-row inserts: those no longer tell each
 * statement's count of rows, which callers read.) Other writes run after them, one after another.
 * The writes of one transaction were all waiting at once, none of their callers has returned,
 * so any order among them is an order they could have come in; a write's own statements keep theirs.
 *
 * <p>A write that fails must not take others with it: the batch is rolled back and each of its
 * writes runs again in a transaction of its own, where only the failing one fails. So a write must
 * only touch the store (it may run twice).
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

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * One statement of a write. With {@code afterAChange}, it runs only when the statement before
     * it in the same write changed a row, and counts 0 otherwise: a second step that depends on the first.
     */
    public record Statement(String sql, Parameters parameters, boolean afterAChange) {

        public static Statement of(String sql, Parameters parameters) {
            return new Statement(sql, parameters, false);
        }

        /** This statement, run only when the one before it changed a row. */
        public Statement onlyAfterAChange() {
            return new Statement(sql, parameters, true);
        }
    }

    private record Pending<T>(Write<T> write, List<Statement> statements, CompletableFuture<T> result) {

        void run(Connection connection, List<Runnable> completions) throws SQLException {
            T value = write.apply(connection);
            completions.add(() -> result.complete(value));
        }
    }

    private final DataSource dataSource;
    /** Where a write that nobody waits for goes on once committed: never on the writer itself. */
    private final Executor resumeOn;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /** Writes that {@link #executeLater} hands back complete on the writer thread: for tests. */
    public GroupCommit(DataSource dataSource) {
        this(dataSource, Runnable::run);
    }

    /** @param resumeOn the threads a write handed back by {@link #executeLater} completes on */
    public GroupCommit(DataSource dataSource, Executor resumeOn) {
        this.dataSource = dataSource;
        this.resumeOn = resumeOn;
        this.writer = new Thread(this::writeUntilClosed, "store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs the write in the next shared transaction and returns its result once that committed. */
    public <T> T write(Write<T> write) throws SQLException {
        return await(new Pending<>(write, null, new CompletableFuture<>()));
    }

    /**
     * Runs the statements, in their order, in the next shared transaction, each in one batch with
     * the same SQL's statements of other writes; returns the rows each one changed once that committed.
     */
    public int[] execute(Statement... statements) throws SQLException {
        return await(new Pending<int[]>(null, List.of(statements), new CompletableFuture<>()));
    }

    /**
     * As {@link #execute}, without a thread waiting for the commit: the future completes once the
     * commit holding the statements is done (with the {@code SQLException} if it failed), on the
     * threads given to the constructor, so that what follows never runs on the writer.
     */
    public CompletableFuture<int[]> executeLater(Statement... statements) {
        CompletableFuture<int[]> resumed = new CompletableFuture<>();
        if (closed) {
            resumed.completeExceptionally(new SQLException("the store is closed"));
            return resumed;
        }
        Pending<int[]> pending = new Pending<>(null, List.of(statements), new CompletableFuture<>());
        pending.result().whenComplete((counts, failure) -> {
            Runnable resume = () -> {
                if (failure != null) {
                    resumed.completeExceptionally(failure);
                } else {
                    resumed.complete(counts);
                }
            };
            try {
                resumeOn.execute(resume);
            } catch (RejectedExecutionException stopping) {
                resume.run(); // the threads are stopping with the bundle: the writer finishes it
            }
        });
        queue.add(pending);
        return resumed;
    }

    /**
     * The stage of a write nobody waits for ({@link #executeLater}): it completes once the write
     * is committed, or fails with a {@link StoreException} saying what could not be done (itself,
     * not wrapped in a CompletionException, so that error handling and logs show it as it is).
     */
    public static CompletionStage<Void> committed(CompletableFuture<int[]> write, String failure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        write.whenComplete((counts, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(new StoreException(failure, e));
            }
        });
        return done;
    }

    private <T> T await(Pending<T> pending) throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
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
                executeStatements(connection, batch, completions);
                for (Pending<?> pending : batch) {
                    if (pending.write() != null) {
                        pending.run(connection, completions);
                    }
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

    /** The statement writes of the batch, round by round, each round's statements of one SQL as one JDBC batch. */
    @SuppressWarnings("unchecked")
    private static void executeStatements(Connection connection, List<Pending<?>> batch, List<Runnable> completions)
            throws SQLException {
        List<Pending<int[]>> writes = new ArrayList<>();
        int rounds = 0;
        for (Pending<?> pending : batch) {
            if (pending.statements() != null) {
                writes.add((Pending<int[]>) pending);
                rounds = Math.max(rounds, pending.statements().size());
            }
        }
        List<int[]> counts = new ArrayList<>(writes.size());
        writes.forEach(write -> counts.add(new int[write.statements().size()]));
        for (int round = 0; round < rounds; round++) {
            // the writes with a statement in this round, by SQL, in the order the SQL first came
            Map<String, List<Integer>> bySql = new LinkedHashMap<>();
            for (int w = 0; w < writes.size(); w++) {
                List<Statement> statements = writes.get(w).statements();
                if (round >= statements.size()) {
                    continue;
                }
                Statement statement = statements.get(round);
                if (!statement.afterAChange() || round > 0 && counts.get(w)[round - 1] > 0) {
                    bySql.computeIfAbsent(statement.sql(), sql -> new ArrayList<>()).add(w);
                }
            }
            for (Map.Entry<String, List<Integer>> group : bySql.entrySet()) {
                List<Integer> members = group.getValue();
                try (PreparedStatement s = connection.prepareStatement(group.getKey())) {
                    if (members.size() == 1) {
                        int w = members.get(0);
                        writes.get(w).statements().get(round).parameters().bind(s);
                        counts.get(w)[round] = s.executeUpdate();
                        continue;
                    }
                    for (int w : members) {
                        writes.get(w).statements().get(round).parameters().bind(s);
                        s.addBatch();
                    }
                    int[] changed = s.executeBatch();
                    for (int i = 0; i < members.size(); i++) {
                        counts.get(members.get(i))[round] = changed[i];
                    }
                }
            }
        }
        for (int w = 0; w < writes.size(); w++) {
            Pending<int[]> write = writes.get(w);
            int[] changed = counts.get(w);
            completions.add(() -> write.result().complete(changed));
        }
    }
}
