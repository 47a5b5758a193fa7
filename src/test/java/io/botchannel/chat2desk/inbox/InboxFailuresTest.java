package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.store.StoreException;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A failure (a retry or a dead letter) is written in the shared writer's commits, and the message
 * goes on once it is committed, through the threads given for that: when an Agent is down and
 * every message fails, no thread waits for a commit of its own.
 */
class InboxFailuresTest {

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
        /** The resumptions the writer handed over, run only when the test says so. */
        private final BlockingQueue<Runnable> resumptions = new LinkedBlockingQueue<>();
        private TestInbox store;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeEach
        void open() {
            store = new TestInbox(kind, resumptions::add);
        }

        @AfterEach
        void close() {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void aRetryIsCommittedByTheWriterAndTheMessageGoesOnOnlyThrough() throws Exception {
            InboxEntry entry = storeAndClaim(1);
            Inbox.RetryPolicy threeTries = new Inbox.RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(5),
                    Duration.ofHours(1));

            CompletableFuture<Boolean> retry = store.inbox.failed(entry, "the Agent answered 503", 0, threeTries)
                    .toCompletableFuture();

            // the writer commits it, then hands the rest of the message to the threads given for it
            Runnable resumption = resumptions.take();
            assertThat(retry).isNotDone();
            InboxEntry kept = store.inbox.find(entry.id());
            assertThat(kept.state()).isEqualTo("new");
            assertThat(kept.attempts()).isEqualTo(1);
            assertThat(kept.lastError()).isEqualTo("the Agent answered 503");
            resumption.run();
            assertThat(retry).isCompletedWithValue(false);
        }

        @Test
        void aDeadLetterIsCommittedByTheWriterAndTheMessageGoesOnOnlyThrough() throws Exception {
            InboxEntry entry = storeAndClaim(2);

            CompletableFuture<Boolean> dead = store.inbox.failed(entry, "POST /messages answered 400", 0,
                    Inbox.RetryPolicy.NONE).toCompletableFuture();

            Runnable resumption = resumptions.take();
            assertThat(dead).isNotDone();
            assertThat(store.inbox.find(entry.id()).state()).isEqualTo("dead");
            resumption.run();
            assertThat(dead).isCompletedWithValue(true);
            assertThat(store.inbox.deadLetters(store.channel.id())).extracting(InboxEntry::id).containsExactly(entry.id());
        }

        @Test
        void aFailureThatCannotBeWrittenFailsTheMessageWithTheStoresOwnException() {
            InboxEntry entry = storeAndClaim(3);
            store.writes.close();

            Throwable failure = store.inbox.failed(entry, "the Agent answered 503", 0, Inbox.RetryPolicy.NONE)
                    .toCompletableFuture().handle((dead, e) -> e).join();

            // what the route's error handling and the log see: not a CompletionException around it
            assertThat(failure).isInstanceOf(StoreException.class)
                    .hasMessage("could not keep inbox entry " + entry.id() + " as a dead letter");
        }

        private InboxEntry storeAndClaim(long messageId) {
            String body = "{\"hook_type\":\"inbox\",\"message_id\":" + messageId + ",\"client_id\":7}";
            assertThat(store.inbox.store(store.channel, new WebhookEvent("inbox", "to_client", messageId, 7L, null,
                    null, null, null, "widget", "text", List.of(), null, body))).isTrue();
            List<InboxEntry> claimed = store.inbox.claimReady(8);
            assertThat(claimed).hasSize(1);
            return claimed.get(0);
        }
    }
}
