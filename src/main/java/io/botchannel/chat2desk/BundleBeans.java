package io.botchannel.chat2desk;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.botchannel.chat2desk.api.ApiKey;
import io.botchannel.chat2desk.api.ApiKeyFile;
import io.botchannel.chat2desk.bounds.VertxAnswerLimit;
import io.vertx.ext.web.client.WebClientOptions;
import io.botchannel.chat2desk.channel.ActivationChecks;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.health.Chat2DeskReachability;
import io.botchannel.chat2desk.health.StoreHealthCheck;
import io.botchannel.chat2desk.inbox.Inbox;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import io.botchannel.chat2desk.outbound.Buttons;
import io.botchannel.chat2desk.outbound.OutboundMessages;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import io.botchannel.chat2desk.sandbox.Chat2DeskSandbox;
import io.botchannel.chat2desk.sandbox.WebhookTargets;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.store.GroupCommit;
import io.botchannel.chat2desk.store.TokenCipher;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the beans of {@code routes/beans.camel.yaml} whose construction is more than a
 * constructor call (each a static {@code factoryMethod}): the YAML names each bean and the
 * configuration keys it takes, this class turns those values into the objects. Nothing here reads a
 * key on its own or knows a default: the keys' one home is {@code chat2desk-bot-channel.properties}.
 */
public final class BundleBeans {

    private static final Map<Path, ApiKeyFile.Key> KEYS_THIS_RUN = new ConcurrentHashMap<>();

    private BundleBeans() {
    }

    public static ChannelStore channelStore(DataSource dataSource, String storeKey) {
        return ChannelStore.open(dataSource, TokenCipher.fromKey(storeKey));
    }

    /**
     * @param events       the webhook events registered for each channel, comma-separated
     * @param agentAnswers the bound of the Agent's answers, its status among them
     */
    public static ActivationChecks activationChecks(ChannelStore store, Chat2DeskApi chat2desk, String defaultAgentUrl,
            String events, long checkTimeoutMs, VertxAnswerLimit agentAnswers) {
        return new ActivationChecks(store, chat2desk, defaultAgentUrl, commaSeparated(events),
                Duration.ofMillis(checkTimeoutMs), agentAnswers.limit());
    }

    /** @param answers the bound of Chat2Desk's answers, the same for the calls of the routes */
    public static Chat2DeskApi chat2deskApi(long checkTimeoutMs, VertxAnswerLimit answers) {
        return new Chat2DeskApi(Duration.ofMillis(checkTimeoutMs), answers.limit());
    }

    /**
     * The connections of the calls to one address (an Agent's, Chat2Desk's): at most
     * {@code maxCallsInFlight} calls at a time, each on a connection of its own (kept open for the
     * next), and the calls beyond those queued in order, waiting without a thread. No redirect is
     * followed: the channel's token goes only to the address it was given for.
     */
    public static WebClientOptions connections(int maxCallsInFlight, int connectTimeoutMs) {
        if (maxCallsInFlight < 1) {
            throw new IllegalArgumentException("max-calls-in-flight must be at least 1, not " + maxCallsInFlight);
        }
        return new WebClientOptions()
                .setMaxPoolSize(maxCallsInFlight)
                .setConnectTimeout(connectTimeoutMs)
                .setFollowRedirects(false)
                .setTryUseCompression(false)
                .setUserAgentEnabled(false);
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

    /**
     * @param instanceId this instance's name in the claims; when empty, this host's name and the
     *                   HTTP port, stable across restarts so that a restart takes up its own work at once
     */
    public static Inbox inbox(DataSource dataSource, GroupCommit writes, String instanceId, int httpPort, long leaseMs) {
        String name = instanceId == null || instanceId.isBlank() ? hostName() + ":" + httpPort : instanceId.trim();
        return new Inbox(dataSource, writes, name, Duration.ofMillis(leaseMs));
    }

    /**
     * The configured key, or the one generated into (and kept in) the key file. Camel 4.18's YAML DSL
     * builds a file's beans more than once per start (when it pre-parses the file and again when it
     * loads it); the key this start generated is still told as generated, not as kept from an earlier start.
     */
    public static ApiKeyFile.Key apiKeyFile(String configured, String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        ApiKeyFile.Key key = ApiKeyFile.resolve(configured, path);
        if (!configured.isBlank()) {
            return key;
        }
        ApiKeyFile.Key earlier = KEYS_THIS_RUN.get(path);
        if (earlier != null && earlier.value().equals(key.value())) {
            return earlier;
        }
        KEYS_THIS_RUN.put(path, key);
        return key;
    }

    public static ApiKey apiKey(ApiKeyFile.Key key) {
        return new ApiKey(key.value());
    }

    public static Chat2DeskReachability chat2deskHealthCheck(ChannelStore store, Chat2DeskApi chat2desk, long intervalSeconds,
            Supplier<MeterRegistry> meters) {
        return new Chat2DeskReachability(store, chat2desk, Duration.ofSeconds(intervalSeconds), meters);
    }

    public static StartupSummary startupSummary(int httpPort, boolean sandbox, ApiKeyFile.Key apiKey, String storeUrl,
            String storeKey) {
        return new StartupSummary(httpPort, sandbox, apiKey.source(), storeUrl, !storeKey.isBlank());
    }

    /** @param webhookBaseUrls the bundles the sandbox may deliver webhooks to, comma-separated */
    public static Chat2DeskSandbox chat2deskSandbox(String token, String signatureHeader, String timestampHeader,
            double retryScale, String webhookBaseUrls) {
        return new Chat2DeskSandbox(token, signatureHeader, timestampHeader, retryScale,
                WebhookTargets.bundlesAt(webhookBaseUrls));
    }

    private static List<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
