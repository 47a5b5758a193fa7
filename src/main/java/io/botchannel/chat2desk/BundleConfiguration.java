package io.botchannel.chat2desk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.botchannel.chat2desk.agent.AgentMessages;
import io.botchannel.chat2desk.agent.AgentWritesFirst;
import io.botchannel.chat2desk.api.ApiKey;
import io.botchannel.chat2desk.api.ApiKeyFile;
import io.botchannel.chat2desk.api.ConsoleFiles;
import io.botchannel.chat2desk.api.ErrorAnswers;
import io.botchannel.chat2desk.api.JsonBodies;
import io.botchannel.chat2desk.api.JsonErrorPages;
import io.botchannel.chat2desk.channel.ActivationChecks;
import io.botchannel.chat2desk.channel.ChannelDirectory;
import io.botchannel.chat2desk.channel.ChannelLifecycle;
import io.botchannel.chat2desk.channel.ChannelReverification;
import io.botchannel.chat2desk.channel.CheckChain;
import io.botchannel.chat2desk.channel.OperatorLookup;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.chat.OperatorAssignment;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.demo.DemoAgent;
import io.botchannel.chat2desk.demo.DemoChannel;
import io.botchannel.chat2desk.health.Chat2DeskReachability;
import io.botchannel.chat2desk.health.RoutesHealthCheck;
import io.botchannel.chat2desk.health.StoreHealthCheck;
import io.botchannel.chat2desk.inbox.DeadLetters;
import io.botchannel.chat2desk.inbox.Inbox;
import io.botchannel.chat2desk.inbox.InboxWork;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import io.botchannel.chat2desk.metrics.MessageCounters;
import io.botchannel.chat2desk.outbound.Buttons;
import io.botchannel.chat2desk.outbound.Handovers;
import io.botchannel.chat2desk.outbound.OutboundMessages;
import io.botchannel.chat2desk.outbound.RateLimit;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import io.botchannel.chat2desk.sandbox.Chat2DeskSandbox;
import io.botchannel.chat2desk.sandbox.SandboxAccess;
import io.botchannel.chat2desk.sandbox.WebhookTargets;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.store.GroupCommit;
import io.botchannel.chat2desk.store.StoreDataSource;
import io.botchannel.chat2desk.store.TokenCipher;
import io.botchannel.chat2desk.webhook.WebhookEvents;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the bundle's beans, which the routes call by name, from the configuration keys of
 * {@code application.properties}. A runtime that deploys the routes adds this class the same way.
 */
public class BundleConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BundleConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(properties);

        int serverPort = settings.integer("camel.server.port", 8080);
        requireFreePort(serverPort, "camel.server.port");
        int managementPort = settings.integer("camel.management.port", 8081);
        if (Boolean.parseBoolean(settings.text("camel.management.enabled", "false")) && managementPort != serverPort) {
            requireFreePort(managementPort, "camel.management.port");
        }

        HikariDataSource dataSource = StoreDataSource.open(settings.text("channel.store.url", null),
                settings.text("channel.store.user", ""), settings.text("channel.store.password", ""));
        GroupCommit writes = new GroupCommit(dataSource);
        context.addService(new DataSourceCloser(dataSource, writes), true, true);
        MeterRegistry meters = meterRegistry(context);
        context.addStartupListener(new OversizedBodies(serverPort, settings.text("camel.server.max-body-size", "")));
        context.addStartupListener(new JsonErrorPages(serverPort));

        String agentUrl = settings.text("agent.url", null);
        Duration checkTimeout = Duration.ofMillis(settings.integer("channel.check-timeout-ms", 5000));
        List<String> events = Arrays.stream(settings.text("channel.webhook-events", "inbox,outbox").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();

        ChannelStore store = ChannelStore.open(dataSource, TokenCipher.fromKey(settings.text("channel.store.key", "")));
        Chat2DeskApi chat2desk = new Chat2DeskApi(checkTimeout);
        ActivationChecks checks = new ActivationChecks(store, chat2desk, agentUrl, events, checkTimeout);

        Registry registry = context.getRegistry();
        registry.bind("channelStore", store);
        registry.bind("activationChecks", checks);
        registry.bind("chat2deskApi", chat2desk);
        String publicUrl = settings.text("channel.public-url", null);
        ChannelLifecycle lifecycle = new ChannelLifecycle(store, checks, new CheckChain(context), chat2desk, publicUrl);
        registry.bind("channelLifecycle", lifecycle);
        registry.bind("channelReverification", new ChannelReverification(store, lifecycle));
        registry.bind("operatorLookup", new OperatorLookup(store, chat2desk));
        ChannelDirectory directory = new ChannelDirectory(store, agentUrl);
        registry.bind("channelDirectory", directory);
        WebhookEvents webhookEvents = new WebhookEvents();
        registry.bind("webhookEvents", webhookEvents);
        registry.bind("webhookSignature", new WebhookSignature(settings.text("webhook.signature-header", "X-Signature"),
                settings.text("webhook.timestamp-header", "X-Timestamp")));
        registry.bind("operatorAssignment", new OperatorAssignment());
        ReplyChecks replyChecks = new ReplyChecks(Arrays.asList(settings.text("replies.extra-types", "").split(",")));
        registry.bind("agentMessages", new AgentMessages(replyChecks));
        ChatStore chats = new ChatStore(dataSource, writes);
        registry.bind("chatStore", chats);
        Buttons buttons = new Buttons(properties.loadProperties(key -> key.startsWith("buttons.")), chats);
        registry.bind("buttons", buttons);
        registry.bind("outboundMessages", new OutboundMessages(
                MarkupTranslator.fromProperties(properties.loadProperties(key -> key.startsWith("markup.")))));
        registry.bind("handovers", new Handovers());
        registry.bind("chat2deskRateLimit", new RateLimit(settings.integer("chat2desk.rate-per-second", 10)));

        Inbox inbox = new Inbox(dataSource, writes, instanceId(settings),
                Duration.ofMillis(settings.integer("dispatch.lease-ms", 120_000)));
        // Whatever this instance had in hand when it last stopped (or crashed) is taken up again
        inbox.recoverOwnClaims();
        registry.bind("inbox", inbox);
        MessageCounters counters = new MessageCounters(meters);
        registry.bind("messageCounters", counters);
        registry.bind("inboxWork", new InboxWork(inbox, directory, webhookEvents, counters,
                settings.integer("dispatch.concurrency", 32), settings.integer("dispatch.claim-batch", 32)));
        registry.bind("deadLetters", new DeadLetters(inbox, store));
        registry.bind("agentWritesFirst", new AgentWritesFirst(store, chats, chat2desk, inbox, replyChecks));
        ApiKeyFile.Key apiKey = ApiKeyFile.resolve(settings.text("api.key", ""),
                Path.of(settings.text("api.key-file", "data/api.key")));
        registry.bind("apiKey", new ApiKey(apiKey.value()));
        registry.bind("errorAnswers", new ErrorAnswers());
        registry.bind("jsonBodies", new JsonBodies());
        registry.bind("consoleFiles", new ConsoleFiles());

        registry.bind("routesHealthCheck", new RoutesHealthCheck());
        registry.bind("storeHealthCheck", new StoreHealthCheck(dataSource, checkTimeout));
        registry.bind("chat2deskHealthCheck", new Chat2DeskReachability(store, chat2desk,
                Duration.ofSeconds(settings.integer("health.chat2desk-interval-seconds", 300)), meters));

        registry.bind("sandboxAccess", new SandboxAccess(settings.text("sandbox.allow-from", SandboxAccess.LOOPBACK)));
        boolean sandbox = Boolean.parseBoolean(settings.text("sandbox.enabled", "false"));
        boolean management = Boolean.parseBoolean(settings.text("camel.management.enabled", "false"));
        StartupSummary summary = new StartupSummary(serverPort, management ? managementPort : -1, sandbox,
                apiKey.source(), settings.text("channel.store.url", null), !settings.text("channel.store.key", "").isEmpty());
        registry.bind("startupSummary", summary);
        if (!sandbox) {
            // with the sandbox, the summary follows the demo channel's activation (sandbox-demo-channel.camel.yaml)
            context.addStartupListener(new SummaryAtStart(summary));
        } else {
            LOG.warn("sandbox.enabled=true: serving the Chat2Desk sandbox, the demo Agent and a demo channel."
                    + " Set sandbox.enabled=false in production.");
            String sandboxToken = settings.text("sandbox.token", "sandbox-demo-token");
            registry.bind("demoAgent", new DemoAgent(publicUrl));
            registry.bind("demoChannel", new DemoChannel(store, lifecycle, publicUrl, sandboxToken));
            registry.bind("chat2deskSandbox", new Chat2DeskSandbox(sandboxToken,
                    settings.text("webhook.signature-header", "X-Signature"),
                    settings.text("webhook.timestamp-header", "X-Timestamp"),
                    Double.parseDouble(settings.text("sandbox.retry-scale", "1.0")),
                    WebhookTargets.bundlesAt(settings.text("sandbox.webhook-base-urls", publicUrl))));
        }
    }

    /**
     * Names this instance in the inbox claims; stable across restarts of the same instance, so a
     * restart takes up its own unfinished work at once. Instances sharing a store need distinct ids.
     */
    private static String instanceId(Settings settings) {
        String configured = settings.text("dispatch.instance-id", "");
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + settings.integer("camel.server.port", 8080);
    }

    /**
     * The registry of the business counters, the route series and {@code /observe/metrics}: the
     * runtime's own where it has one, else a Prometheus registry that camel-micrometer-prometheus serves.
     */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry existing = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, prometheus);
        return prometheus;
    }

    /**
     * Camel logs a taken port and keeps running without a listener; a bundle that cannot hear its
     * webhooks (or be watched on its management port) must not start at all.
     */
    static void requireFreePort(int port, String key) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is already in use: stop the process that holds it or"
                    + " start with -D" + key + "=<another port>", e);
        }
    }

    /** Property lookups with defaults, read once at startup. */
    private record Settings(PropertiesComponent properties) {

        String text(String key, String fallback) {
            return properties.resolveProperty(key).map(String::trim).orElse(fallback);
        }

        int integer(String key, int fallback) {
            String value = text(key, null);
            try {
                return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, not '" + value + "'", e);
            }
        }
    }

    /**
     * Vert.x refuses a body over {@code camel.server.max-body-size} itself, with a bare 413 and an
     * error in the log; callers get it as JSON like every other refusal, and the log stays quiet.
     */
    private record OversizedBodies(int port, String limit) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(port));
            if (router != null) {
                router.route().failureHandler(request -> {
                    if (request.statusCode() == 413 && !request.response().ended()) {
                        request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                                .end("{\"error\":\"body: larger than the " + limit + " bytes accepted\"}");
                    } else {
                        request.next();
                    }
                });
            }
        }
    }

    /** Logs the startup summary once every route has started. */
    private record SummaryAtStart(StartupSummary summary) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // not yet: the routes start after this
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            summary.log();
        }
    }

    /** Closes the store's pool when Camel stops, after the writes still queued. */
    private record DataSourceCloser(HikariDataSource dataSource, GroupCommit writes) implements org.apache.camel.Service {

        @Override
        public void start() {
            // opened at configuration time, so that a broken store fails startup at once
        }

        @Override
        public void stop() {
            writes.close();
            dataSource.close();
        }
    }
}
