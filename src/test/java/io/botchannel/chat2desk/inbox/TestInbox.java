package io.botchannel.chat2desk.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.TestDatabase;
import io.botchannel.chat2desk.TestDatabase.Kind;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.store.GroupCommit;
import io.botchannel.chat2desk.store.TokenCipher;

/** An inbox on a fresh store of one kind, and the active channel its entries belong to. */
final class TestInbox implements AutoCloseable {

    final TestDatabase database;
    final GroupCommit writes;
    final Inbox inbox;
    final Channel channel;
    final ChannelStore channels;

    TestInbox(Kind kind) {
        this(kind, null);
    }

    /** With the writes that nobody waits for resumed through {@code resumeOn} (null: on the writer's thread). */
    TestInbox(Kind kind, Executor resumeOn) {
        database = TestDatabase.of(kind);
        HikariDataSource dataSource = database.openStore();
        writes = new GroupCommit(dataSource, resumeOn == null ? Runnable::run : resumeOn);
        inbox = new Inbox(dataSource, writes, "test", Duration.ofMinutes(2));
        channels = ChannelStore.open(dataSource, TokenCipher.fromKey(""));
        channel = anotherChannel();
    }

    /** One more active channel, with a token of its own. */
    Channel anotherChannel() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Channel another = new Channel(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Inbox test",
                "https://api.chat2desk.com/v1", "token-" + UUID.randomUUID(), null, false, "https://agent.example",
                true, 12L, List.of(), now, now, new Channel.Options(null, false, false));
        channels.insert(another);
        return another;
    }

    @Override
    public void close() {
        writes.close();
        database.close();
    }
}
