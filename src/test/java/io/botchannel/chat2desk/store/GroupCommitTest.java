package io.botchannel.chat2desk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Writes of many threads share commits: each is durable when it returns, and one that fails (a
 * duplicate) fails alone, also on PostgreSQL, where an error spoils the whole transaction.
 */
class GroupCommitTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Kind.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    abstract static class Contract {

        private final Kind kind;
        private final ExecutorService callers = Executors.newFixedThreadPool(8);
        TestDatabase database;
        HikariDataSource dataSource;
        GroupCommit writes;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeEach
        void open() throws SQLException {
            database = TestDatabase.of(kind);
            dataSource = database.openStore();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE group_commit_test (k VARCHAR(20) PRIMARY KEY)");
            }
            writes = new GroupCommit(dataSource);
        }

        @AfterEach
        void close() {
            callers.shutdownNow();
            if (writes != null) {
                writes.close();
            }
            if (database != null) {
                database.close();
            }
        }

        @Test
        void everyWriteOfManyThreadsIsCommittedWhenItReturns() throws Exception {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String key = "k" + i;
                calls.add(callers.submit(() -> {
                    writes.write(c -> insert(c, key));
                    // seen from another connection at once: committed, not just queued
                    return stored().contains(key);
                }));
            }
            for (Future<Boolean> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(stored()).hasSize(400);
        }

        @Test
        void aWriteNobodyWaitsForGoesOnWithTheThreadsGivenOnceItIsCommitted() throws Exception {
            ExecutorService threads = Executors.newSingleThreadExecutor();
            // what each resumption found in the store, seen from another connection
            List<List<String>> storedWhenResumed = new CopyOnWriteArrayList<>();
            Executor resumeOn = task -> {
                try {
                    storedWhenResumed.add(stored());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                threads.execute(task);
            };
            try (GroupCommit later = new GroupCommit(dataSource, resumeOn)) {
                CompletableFuture<int[]> stored = later.executeLater(GroupCommit.Statement.of(
                        "INSERT INTO group_commit_test (k) VALUES (?)", s -> s.setString(1, "later")));
                assertThat(stored.get(30, TimeUnit.SECONDS)).containsExactly(1);
                assertThat(storedWhenResumed).containsExactly(List.of("later"));

                CompletableFuture<int[]> duplicate = later.executeLater(GroupCommit.Statement.of(
                        "INSERT INTO group_commit_test (k) VALUES (?)", s -> s.setString(1, "later")));
                assertThatThrownBy(() -> duplicate.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SQLException.class);
                assertThat(storedWhenResumed).hasSize(2);
            } finally {
                threads.shutdownNow();
            }
        }

        @Test
        void aFailingWriteFailsAloneAndTheOthersOfItsBatchAreCommitted() throws Exception {
            insertDirectly("taken");
            CountDownLatch release = new CountDownLatch(1);
            Future<Integer> first = holdTheWriter(release);
            Future<Integer> before = callers.submit(() -> writes.write(c -> insert(c, "before")));
            Future<Integer> duplicate = callers.submit(() -> writes.write(c -> insert(c, "taken")));
            Future<Integer> after = callers.submit(() -> writes.write(c -> insert(c, "after")));
            while (writes.queued() < 3) {
                Thread.sleep(10);
            }
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(UniqueViolation.is((SQLException) e.getCause())).isTrue());
            assertThat(stored()).containsExactlyInAnyOrder("taken", "first", "before", "after");
        }

        @Test
        void statementsOfOneSqlGoTogetherAndAFailingOneFailsAlone() throws Exception {
            insertDirectly("taken");
            CountDownLatch release = new CountDownLatch(1);
            Future<Integer> first = holdTheWriter(release);
            List<Future<int[]>> inserts = new ArrayList<>();
            for (String key : List.of("a", "b", "taken", "c")) {
                inserts.add(callers.submit(() -> writes.execute(insertStatement(key))));
                while (writes.queued() < inserts.size()) {
                    Thread.sleep(10);
                }
            }
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            for (int i : new int[] {0, 1, 3}) {
                assertThat(inserts.get(i).get(10, TimeUnit.SECONDS)).containsExactly(1);
            }
            assertThatThrownBy(() -> inserts.get(2).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(UniqueViolation.is((SQLException) e.getCause())).isTrue());
            assertThat(stored()).containsExactlyInAnyOrder("taken", "first", "a", "b", "c");
        }

        @Test
        void aStatementAfterAChangeRunsOnlyWhenTheOneBeforeItChangedARow() throws Exception {
            insertDirectly("seen");
            String once = "INSERT INTO group_commit_test (k) VALUES (?) ON CONFLICT DO NOTHING";
            List<Future<int[]>> calls = new ArrayList<>();
            for (String key : List.of("seen", "new", "new")) {
                calls.add(callers.submit(() -> writes.execute(
                        GroupCommit.Statement.of(once, s -> s.setString(1, key)),
                        insertStatement(key + "-followed").onlyAfterAChange())));
            }

            assertThat(calls.get(0).get(10, TimeUnit.SECONDS)).containsExactly(0, 0);
            // of two writes of the same key, whichever came first inserts it, alone or in one batch with the other
            List<int[]> same = List.of(calls.get(1).get(10, TimeUnit.SECONDS), calls.get(2).get(10, TimeUnit.SECONDS));
            assertThat(same).extracting(counts -> counts[0] + "," + counts[1]).containsExactlyInAnyOrder("1,1", "0,0");
            assertThat(stored()).containsExactlyInAnyOrder("seen", "new", "new-followed");
        }

        @Test
        void aWriteAfterCloseIsRefused() {
            writes.close();

            assertThatThrownBy(() -> writes.write(c -> insert(c, "late")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
        }

        /**
         * A write that inserts "first" once released, and holds the writer until then, so that the
         * next writes queue up and go into one transaction together; returns once it holds it.
         */
        private Future<Integer> holdTheWriter(CountDownLatch release) throws InterruptedException {
            CountDownLatch writerHeld = new CountDownLatch(1);
            Future<Integer> first = callers.submit(() -> writes.write(c -> {
                writerHeld.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return insert(c, "first");
            }));
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
            return first;
        }

        private static int insert(Connection c, String key) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO group_commit_test (k) VALUES (?)")) {
                s.setString(1, key);
                return s.executeUpdate();
            }
        }

        private static GroupCommit.Statement insertStatement(String key) {
            return GroupCommit.Statement.of("INSERT INTO group_commit_test (k) VALUES (?)", s -> s.setString(1, key));
        }

        private void insertDirectly(String key) throws SQLException {
            try (Connection c = database.connect()) {
                insert(c, key);
            }
        }

        private List<String> stored() throws SQLException {
            List<String> keys = new ArrayList<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT k FROM group_commit_test")) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            return keys;
        }
    }
}
