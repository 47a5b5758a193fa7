package io.botchannel.chat2desk;

import static io.botchannel.chat2desk.Webhooks.inbox;
import static io.botchannel.chat2desk.Webhooks.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook holds one of the HTTP server's worker threads until the store has committed it. With
 * a slow store (one across a network, or a busy one), more webhooks wait at once than Vert.x's
 * default 20 threads: the standalone runtime has {@code channel.http-workers} of them (64), so
 * webhooks keep being taken in, and the management API keeps answering, while they wait.
 */
class HttpWorkersTest {

    /** More than Vert.x's default pool of 20, fewer than the bundle's 64. */
    private static final int WAITING = 30;

    private TestAgent agent;
    private RunningBundle bundle;

    @AfterEach
    void stop() {
        if (bundle != null) {
            bundle.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void thirtyWebhooksWaitingForTheStoreLeaveTheServerAnswering() throws Exception {
        agent = new TestAgent();
        String store = "jdbc:sqlite:" + TestDatabase.sqliteFile();
        bundle = RunningBundle.start(Map.of("channel.store.url", store));
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", Map.of("apiUrl", sandbox.apiUrl(),
                "token", sandbox.token(), "agentUrl", agent.url())).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();

        List<CompletableFuture<Integer>> webhooks = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(WAITING);
        try (Connection writer = DriverManager.getConnection(store); Statement lock = writer.createStatement()) {
            // the store's write lock held: every webhook waits for its commit in a server thread
            lock.execute("PRAGMA busy_timeout = 30000");
            lock.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < WAITING; i++) {
                String body = inbox(4_200 + i, 9_100 + i, "waiting " + i);
                webhooks.add(CompletableFuture.supplyAsync(() -> bundle.post(path(channel), body).status(), senders));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> serverThreadsWaitingForTheStore() == WAITING);

            assertThat(bundle.api("GET", "/api/v1/channels", null).status()).isEqualTo(200);
            assertThat(webhooks).as("webhooks answered before their commit").noneMatch(CompletableFuture::isDone);
            lock.execute("ROLLBACK");
        }
        assertThat(webhooks.stream().map(CompletableFuture::join)).containsOnly(200);
        senders.shutdown();
        await().atMost(Duration.ofMinutes(1)).until(() -> agent.requests().size() == WAITING);
    }

    /** Threads of the HTTP server blocked in a store write that waits for its commit. */
    private static long serverThreadsWaitingForTheStore() {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        return Arrays.stream(threads)
                .filter(thread -> thread.getThreadName().startsWith("vert.x-worker-thread"))
                .filter(thread -> Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().endsWith(".GroupCommit")))
                .count();
    }
}
