package io.botchannel.chat2desk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.botchannel.chat2desk.api.ApiKey;
import io.botchannel.chat2desk.api.ApiKeyFile;
import io.botchannel.chat2desk.bounds.VertxAnswerLimit;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.health.StoreHealthCheck;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import io.botchannel.chat2desk.outbound.Buttons;
import io.botchannel.chat2desk.outbound.OutboundMessages;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.store.TokenCipher;

/**
 * Builds the beans of {@code routes/beans.camel.yaml} whose construction is more than a
 * constructor call (each a static {@code factoryMethod}): the YAML names each bean and the
 * configuration keys it takes, this class turns those values into the objects. Nothing here reads a
 * key on its own or knows a default: the keys' one home is {@code chat2desk-bot-channel.properties}.
 */
public final class BundleBeans {

    private BundleBeans() {
    }

    public static ChannelStore channelStore(DataSource dataSource, String storeKey) {
        return ChannelStore.open(dataSource, TokenCipher.fromKey(storeKey));
    }

    /** @param answers the bound of Chat2Desk's answers, the same for the calls of the routes */
    public static Chat2DeskApi chat2deskApi(long checkTimeoutMs, VertxAnswerLimit answers) {
        return new Chat2DeskApi(Duration.ofMillis(checkTimeoutMs), answers.limit());
    }

    public static StoreHealthCheck storeHealthCheck(DataSource dataSource, long checkTimeoutMs) {
        return new StoreHealthCheck(dataSource, Duration.ofMillis(checkTimeoutMs));
    }

    /** The {@code buttons.*} table decides how each transport shows buttons. */
    public static Buttons buttons(BundleProperties properties, ChatStore chats) {
        return new Buttons(properties.startingWith("buttons."), chats);
    }

    /** The {@code markup.*} table decides how each transport shows markup. */
    public static OutboundMessages outboundMessages(BundleProperties properties) {
        return new OutboundMessages(MarkupTranslator.fromProperties(properties.startingWith("markup.")));
    }

    /** @param extraTypes the reply types added in the routes beside the Agent API's own, comma-separated */
    public static ReplyChecks replyChecks(String extraTypes) {
        return new ReplyChecks(commaSeparated(extraTypes));
    }

    /** The configured key, or the one generated into (and kept in) the key file. */
    public static ApiKeyFile.Key apiKeyFile(String configured, String file) {
        return ApiKeyFile.resolve(configured, Path.of(file).toAbsolutePath().normalize());
    }

    public static ApiKey apiKey(ApiKeyFile.Key key) {
        return new ApiKey(key.value());
    }

    /**
     * The threads a message resumes on once its Agent call, its Chat2Desk call or its store write
     * is done. camel-vertx-http hands each answer to a Vert.x worker thread, of the kind that
     * answers the webhooks, and the store's writer must go on with the next commit. None of these
     * threads waits for a call or a commit, so they are few and their queue is short; it is
     * bounded anyway by dispatch.max-in-flight, the messages in hand.
     */
    public static ExecutorService resumeThreads(int threads) {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, "resume-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named);
    }

    /** The items of a comma-separated key, trimmed, the empty ones left out. */
    public static List<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
