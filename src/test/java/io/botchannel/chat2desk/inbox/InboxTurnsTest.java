package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelDirectory;
import io.botchannel.chat2desk.metrics.MessageCounters;
import io.botchannel.chat2desk.webhook.WebhookEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Channels take turns at the claim: a channel with a backlog of hundreds does not keep a quiet
 * channel's message waiting behind it, one channel alone may take the whole claim, and a channel
 * is given no more than the room it is allowed.
 */
class InboxTurnsTest {

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
        TestInbox store;
        Channel flooded;
        Channel quiet;
        private long nextMessage = 1;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeEach
        void open() {
            store = new TestInbox(kind);
            flooded = store.channel;
            quiet = store.anotherChannel();
        }

        @AfterEach
        void close() {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void aQuietChannelsMessageIsClaimedAtTheNextClaimWhateverTheBacklogBeforeIt() {
            for (int client = 1; client <= 300; client++) {
                write(flooded, client);
            }
            write(quiet, 1);

            List<InboxEntry> claimed = store.inbox.claimReady(8);

            assertThat(claimed).hasSize(8);
            assertThat(claimed).filteredOn(entry -> entry.channelId().equals(quiet.id())).hasSize(1);
        }

        @Test
        void channelsShareAClaimEquallyAndOneAloneTakesAllOfIt() {
            Channel third = store.anotherChannel();
            for (int client = 1; client <= 50; client++) {
                write(flooded, client);
                write(quiet, client);
                write(third, client);
            }

            assertThat(byChannel(store.inbox.claimReady(30))).containsOnly(
                    Map.entry(flooded.id(), 10L), Map.entry(quiet.id(), 10L), Map.entry(third.id(), 10L));

            assertThat(store.inbox.claimReady(200)).hasSize(120);
            Channel alone = store.anotherChannel();
            for (int client = 1; client <= 40; client++) {
                write(alone, client);
            }
            assertThat(byChannel(store.inbox.claimReady(30))).containsOnly(Map.entry(alone.id(), 30L));
        }

        @Test
        void aChannelIsGivenNoMoreThanItsRoomAndTheOthersTakeTheRest() {
            for (int client = 1; client <= 50; client++) {
                write(flooded, client);
                write(quiet, client);
            }

            Map<String, Long> claimed = byChannel(store.inbox.claimReady(30,
                    channelId -> channelId.equals(flooded.id()) ? 3 : Integer.MAX_VALUE));

            assertThat(claimed).containsOnly(Map.entry(flooded.id(), 3L), Map.entry(quiet.id(), 27L));
        }

        @Test
        void withMoreChannelsThanAClaimTakesEveryChannelHasATurnBeforeAnyHasASecond() {
            List<Channel> many = new ArrayList<>(List.of(flooded, quiet));
            while (many.size() < 20) {
                many.add(store.anotherChannel());
            }
            for (Channel channel : many) {
                for (int client = 1; client <= 3; client++) {
                    write(channel, client);
                }
            }

            // claims of 8 over 20 channels: three claims give every channel one entry (four have two)
            List<InboxEntry> firstRound = new ArrayList<>();
            for (int claim = 0; claim < 3; claim++) {
                List<InboxEntry> claimed = store.inbox.claimReady(8);
                assertThat(claimed).hasSize(8);
                assertThat(byChannel(claimed).values()).containsOnly(1L);
                firstRound.addAll(claimed);
            }
            assertThat(byChannel(firstRound)).hasSize(20);
            assertThat(byChannel(firstRound).values()).containsOnly(1L, 2L);
            // and the next claims go on from there: 60 entries in all, none claimed twice
            List<InboxEntry> rest = store.inbox.claimReady(100);
            assertThat(rest).hasSize(36);
            assertThat(rest).extracting(InboxEntry::id).doesNotContainAnyElementsOf(
                    firstRound.stream().map(InboxEntry::id).toList());
        }

        @Test
        void entriesPutBackUntilLaterDoNotKeepTheChannelsDueOnesWaiting() {
            List<InboxEntry> first = new ArrayList<>();
            for (int client = 1; client <= 20; client++) {
                write(flooded, client);
            }
            first.addAll(store.inbox.claimReady(20));
            assertThat(first).hasSize(20);
            for (InboxEntry entry : first) {
                store.inbox.putBack(entry, 60_000).toCompletableFuture().join();
            }
            for (int client = 21; client <= 25; client++) {
                write(flooded, client);
            }

            List<InboxEntry> claimed = store.inbox.claimReady(8);

            // the five due entries, behind twenty that are not due for a minute
            assertThat(claimed).hasSize(5);
            assertThat(claimed).extracting(InboxEntry::id).doesNotContainAnyElementsOf(
                    first.stream().map(InboxEntry::id).toList());
        }

        @Test
        void theDispatcherStaysNoMoreThanTheWorkersQueueAheadOfThemSoAQuietMessageIsNeverFarBack() throws Exception {
            int workersQueue = 8;
            InboxWork work = new InboxWork(store.inbox, new ChannelDirectory(store.channels, "https://agent.example"),
                    new WebhookEvents(), new MessageCounters(new SimpleMeterRegistry()), 4096, 0, 32, workersQueue);
            for (int client = 1; client <= 300; client++) {
                write(flooded, client);
            }

            // a claim batch is 32 and 300 are due, but the workers' queue takes 8
            List<InboxEntry> queue = new ArrayList<>(work.claimForWorkers());
            assertThat(queue).hasSize(workersQueue);
            assertThat(work.claimForWorkers()).isEmpty();
            assertThat(work.roomToClaim()).isFalse();

            write(quiet, 1);
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                for (int taken = 1; taken <= workersQueue / 2; taken++) {
                    Exchange exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(queue.remove(0));
                    assertThat(work.open(exchange)).isTrue();
                    // the dispatcher is woken once half the queue is free, not for each entry taken
                    assertThat(work.roomToClaim()).isEqualTo(taken == workersQueue / 2);
                }
            }
            queue.addAll(work.claimForWorkers());

            assertThat(queue).hasSize(workersQueue);
            assertThat(queue).filteredOn(entry -> entry.channelId().equals(quiet.id())).hasSize(1);
        }

        private static Map<String, Long> byChannel(List<InboxEntry> entries) {
            return entries.stream().collect(java.util.stream.Collectors.groupingBy(InboxEntry::channelId,
                    java.util.stream.Collectors.counting()));
        }

        private void write(Channel channel, long clientId) {
            long messageId = nextMessage++;
            String body = "{\"hook_type\":\"inbox\",\"message_id\":" + messageId + ",\"client_id\":" + clientId + "}";
            assertThat(store.inbox.store(channel, new WebhookEvent("inbox", "to_client", messageId, clientId, null, null,
                    null, null, "widget", "text " + messageId, List.of(), null, body))).isTrue();
        }
    }
}
