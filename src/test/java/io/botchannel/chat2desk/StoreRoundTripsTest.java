package io.botchannel.chat2desk;

import static io.botchannel.chat2desk.Webhooks.inbox;
import static io.botchannel.chat2desk.Webhooks.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL every statement the bundle sends one after another costs a round trip, and a
 * database across a network makes each one dearer. A message needs several writes (stored, claimed,
 * Agent call marked, answer kept, finished); the shared writer sends the waiting writes' statements
 * of one kind as one batch, so that a burst of messages of many chats costs a few round trips per
 * message, not one per statement. Counted on the wire, so the count does not depend on the machine.
 */
class StoreRoundTripsTest {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRoundTripsTest.class);
    private static final int CHATS = 20;
    private static final int MESSAGES_PER_CHAT = 20;
    /**
     * Round trips a message may cost. About four are reads on the threads that handle it (the
     * channel at intake, again when its work starts and when Chat2Desk echoes the reply, the chat
     * before the Agent call), and the connection pool checks now and then a connection that rested;
     * the rest is its share of the writer's batches. Each statement sent alone cost about 14.
     */
    private static final double BOUND = 9.0;

    @Test
    void aBurstOfWebhooksOfManyChatsCostsAFewRoundTripsPerMessage() throws Exception {
        PostgresRoundTrips roundTrips = new PostgresRoundTrips();
        try (TestDatabase database = TestDatabase.postgres(); TestAgent agent = new TestAgent().echoAfter(Duration.ZERO)) {
            URI server = URI.create(database.url().substring("jdbc:".length()));
            try (TcpRelay relay = new TcpRelay(server.getHost(), server.getPort(), Duration.ofMillis(1), roundTrips)) {
                Map<String, String> overrides = new LinkedHashMap<>(database.properties());
                overrides.put("channel.store.url", database.url()
                        .replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + relay.port()));
                // no timer reads or writes the store while the burst is counted
                overrides.put("dispatch.poll-ms", "3600000");
                overrides.put("dispatch.purge-interval-ms", "3600000");
                overrides.put("chat2desk.rate-per-second", "100000");
                try (RunningBundle bundle = RunningBundle.start(overrides)) {
                    Sandbox sandbox = Sandbox.newCompany(bundle);
                    JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", Map.of("apiUrl",
                            sandbox.apiUrl(), "token", sandbox.token(), "agentUrl", agent.url())).json();
                    List<Long> clients = new ArrayList<>();
                    for (int i = 0; i < CHATS; i++) {
                        long clientId = sandbox.clientWrites("hello " + i).path("clientId").asLong();
                        sandbox.awaitSentToClient(clientId, 1);
                        clients.add(clientId);
                    }

                    long before = roundTrips.count();
                    ExecutorService senders = Executors.newFixedThreadPool(CHATS);
                    try {
                        List<Future<?>> sent = new ArrayList<>();
                        for (int c = 0; c < CHATS; c++) {
                            long clientId = clients.get(c);
                            long firstId = 1_000_000L * (c + 1);
                            sent.add(senders.submit(() -> {
                                for (int m = 0; m < MESSAGES_PER_CHAT; m++) {
                                    assertThat(bundle.post(path(channel), inbox(clientId, firstId + m, "m" + m)).status())
                                            .isEqualTo(200);
                                }
                            }));
                        }
                        for (Future<?> f : sent) {
                            f.get(5, TimeUnit.MINUTES);
                        }
                    } finally {
                        senders.shutdownNow();
                    }
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                            clients.stream().allMatch(id -> sandbox.sentToClient(id).size() == 1 + MESSAGES_PER_CHAT));
                    long spent = roundTrips.count() - before;

                    int messages = CHATS * MESSAGES_PER_CHAT;
                    double perMessage = (double) spent / messages;
                    LOG.info("{} messages of {} chats: {} round trips to PostgreSQL, {} per message; all since the start,"
                            + " by their first statement: {}", messages, CHATS, spent, String.format("%.2f", perMessage),
                            roundTrips.byStatement());
                    for (long clientId : clients) {
                        List<String> replies = sandbox.sentToClient(clientId).stream().skip(1)
                                .map(m -> m.path("text").asText()).toList();
                        assertThat(replies).as("client %d's replies, in order", clientId)
                                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, MESSAGES_PER_CHAT)
                                        .mapToObj(m -> "re: m" + m).toList());
                    }
                    assertThat(perMessage).as("round trips per message; all round trips since the start, by their first"
                            + " statement: %s", roundTrips.byStatement()).isLessThan(BOUND);
                }
            }
        }
    }
}
