package io.botchannel.chat2desk.channel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.api.Excerpt;
import io.botchannel.chat2desk.bounds.AnswerLimit;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.StoreException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the activation checks do, called by their routes in {@code routes/activation-checks.camel.yaml}
 * (which also hold their order): each reads an answer and either records what it found or throws
 * {@link CheckFailed} saying what to fix. Each check runs within the check time limit: its calls
 * get what is left of it, so a hung Agent or Chat2Desk fails the check, never the request.
 */
public class ActivationChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationChecks.class);

    /** Chat2Desk allows at most five webhooks per account. */
    static final int WEBHOOK_LIMIT = 5;

    private final ChannelStore store;
    private final Chat2DeskApi chat2desk;
    private final String defaultAgentUrl;
    private final List<String> webhookEvents;
    private final Duration timeout;
    private final HttpClient http;
    private final AnswerLimit agentAnswers;
    private final ObjectMapper json = JsonLimits.mapper();

    public ActivationChecks(ChannelStore store, Chat2DeskApi chat2desk, String defaultAgentUrl,
                            List<String> webhookEvents, Duration timeout, AnswerLimit agentAnswers) {
        this.store = store;
        this.chat2desk = chat2desk;
        this.defaultAgentUrl = defaultAgentUrl;
        this.webhookEvents = List.copyOf(webhookEvents);
        this.timeout = timeout;
        this.agentAnswers = agentAnswers;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    // ---- the chain's bookkeeping, for the routes -------------------------------------------------

    /** A check route starts: the check, named after its route, is recorded and gets channel.check-timeout-ms. */
    public void begin(CheckRun run, String check) {
        run.begin(check, timeout);
    }

    /** A check failed, in its own words. */
    public void failed(CheckRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        run.failed(failure.getMessage());
    }

    /** A check could not run at all (a fault, not an answer): it fails, and the log has the details. */
    public void couldNotRun(CheckRun run, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        if (failure instanceof Chat2DeskException) {
            run.failed(failure.getMessage());
            return;
        }
        String check = run.last().check();
        LOG.warn("Channel {}: check {} could not run", run.channel().id(), check, failure);
        run.failed("the check could not run: " + failure + "; see the bundle log");
    }

    // ---- the checks ------------------------------------------------------------------------------

    /** {@code GET {agentUrl}/status} answers {@code {"trained": true}}. */
    public void agentTrained(CheckRun run) throws InterruptedException {
        String agentUrl = run.channel().agentUrl() == null ? defaultAgentUrl : run.channel().agentUrl();
        String statusUrl = agentUrl + "/status";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).timeout(run.remaining()).GET().build(),
                    agentAnswers.asString());
        } catch (HttpTimeoutException e) {
            throw new CheckFailed("the Agent at " + statusUrl + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new CheckFailed("the Agent at " + statusUrl + " could not be reached: "
                    + (e.getCause() instanceof UnresolvedAddressException ? "unknown host"
                    : "connection refused or host down") + "; check agentUrl and that the Agent runs");
        } catch (IOException | IllegalArgumentException e) {
            if (AnswerTooLarge.isCauseOf(e)) {
                throw new CheckFailed("the Agent at " + statusUrl + " answered with " + agentAnswers.exceeded()
                        + "; expected {\"trained\": true}");
            }
            throw new CheckFailed("the Agent at " + statusUrl + " could not be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200 && answer != null && answer.path("trained").isBoolean()
                && answer.path("trained").asBoolean()) {
            run.passed("the Agent at " + agentUrl + " is trained");
            return;
        }
        throw new CheckFailed("the Agent at " + statusUrl + " answered HTTP " + response.statusCode() + " "
                + Excerpt.of(response.body()) + "; expected {\"trained\": true}: train the Agent or correct agentUrl");
    }

    /** No other active channel uses the token. */
    public void tokenUnique(CheckRun run) {
        Channel channel = run.channel();
        Optional<Channel> other;
        try {
            other = store.findActiveByToken(channel.token(), channel.id());
        } catch (StoreException e) {
            throw new CheckFailed("the channel store could not be asked: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
        if (other.isPresent()) {
            throw new CheckFailed("the active channel " + other.get().id() + " (\"" + other.get().name()
                    + "\") already uses this token; deactivate it or use another token");
        }
        run.passed("no other active channel uses this token");
    }

    /** {@code GET {apiUrl}/companies/api_info} accepts the token. */
    public void addressAccessible(CheckRun run) {
        Channel channel = run.channel();
        JsonNode info;
        try {
            info = chat2desk.within(run.remaining()).apiInfo(channel.apiUrl(), channel.token());
        } catch (Chat2DeskException e) {
            String fix = e.status() == 401 || e.getMessage().contains("Token is not correct")
                    ? "; copy the token again from Chat2Desk (Settings -> API)"
                    : e.status() == 404 ? "; check the API URL (for example https://api.chat2desk.com/v1)" : "";
            throw new CheckFailed(e.getMessage() + fix);
        }
        String company = info.path("data").path("company_name").asText("");
        run.passed("Chat2Desk at " + channel.apiUrl() + " accepted the token"
                + (company.isEmpty() ? "" : " (company \"" + company + "\")"));
    }

    /** The channel's webhook URL is registered with Chat2Desk, and enabled. */
    public void webhookRegistered(CheckRun run) {
        run.passed(register(run, chat2desk.within(run.remaining())));
    }

    /**
     * Registers the channel's webhook again outside a check run, e.g. to put back a registration
     * that a refused change had replaced. A failure is logged: the caller's answer goes on.
     */
    public void registerAgain(Channel channel, String webhookUrl) {
        try {
            register(new CheckRun(channel, webhookUrl), chat2desk.within(timeout));
        } catch (CheckFailed | Chat2DeskException e) {
            LOG.warn("Channel {}: its webhook {} could not be registered again in Chat2Desk: {}", channel.id(),
                    webhookUrl, e.getMessage());
        }
    }

    /**
     * Registers our webhook URL, idempotently: an earlier registration of this channel's URL is
     * updated in place (and enabled again) rather than deleted and created, so that a failure
     * leaves the working registration as it was; nothing is written when it is already right.
     * Other webhooks of the account are never touched.
     */
    private String register(CheckRun run, Chat2DeskApi api) {
        Channel channel = run.channel();
        String url = run.webhookUrl();
        String name = webhookName(channel);
        List<Chat2DeskApi.Webhook> hooks;
        try {
            hooks = api.webhooks(channel.apiUrl(), channel.token());
        } catch (Chat2DeskException e) {
            throw new CheckFailed("the account's webhooks could not be read: " + e.getMessage());
        }
        List<Chat2DeskApi.Webhook> ours = hooks.stream().filter(hook -> isOurs(hook, channel)).toList();
        try {
            if (ours.isEmpty()) {
                if (hooks.size() >= WEBHOOK_LIMIT) {
                    throw new CheckFailed("the webhook " + url + " could not be registered: Chat2Desk allows at most "
                            + WEBHOOK_LIMIT + " webhooks per account and this account has " + hooks.size() + " ("
                            + describe(hooks) + "); delete one you no longer need in Chat2Desk, then activate again");
                }
                long id = api.createWebhook(channel.apiUrl(), channel.token(), name, url, webhookEvents);
                run.webhookRegistered(id, true);
                return "webhook " + id + " registered for " + url;
            }
            Chat2DeskApi.Webhook hook = ours.get(0);
            for (Chat2DeskApi.Webhook duplicate : ours.subList(1, ours.size())) {
                api.deleteWebhook(channel.apiUrl(), channel.token(), duplicate.id());
            }
            if (upToDate(hook, name, url)) {
                run.webhookRegistered(hook.id(), false);
                return "webhook " + hook.id() + " registered for " + url;
            }
            api.updateWebhook(channel.apiUrl(), channel.token(), hook.id(), name, url, webhookEvents);
            run.webhookRegistered(hook.id(), true);
            return "webhook " + hook.id() + (hook.enabled() ? " updated for " : " was disabled in Chat2Desk; enabled again for ")
                    + url;
        } catch (Chat2DeskException e) {
            String limit = e.status() / 100 == 4 ? " (Chat2Desk allows at most " + WEBHOOK_LIMIT
                    + " webhooks per account)" : "";
            throw new CheckFailed("the webhook " + url + " could not be registered" + limit + ": " + e.getMessage());
        }
    }

    /** The name under which the channel's webhook shows in Chat2Desk. */
    static String webhookName(Channel channel) {
        return "chat2desk-bot-channel: " + channel.name();
    }

    /**
     * Whether a webhook of the account is this channel's: its URL ends in the channel's random
     * key, whatever public URL it was registered under.
     */
    static boolean isOurs(Chat2DeskApi.Webhook hook, Channel channel) {
        return hook.url() != null && hook.url().endsWith("/webhooks/chat2desk/" + channel.key());
    }

    private boolean upToDate(Chat2DeskApi.Webhook hook, String name, String url) {
        return hook.enabled() && url.equals(hook.url()) && name.equals(hook.name())
                && new HashSet<>(hook.events()).equals(new HashSet<>(webhookEvents));
    }

    private static String describe(List<Chat2DeskApi.Webhook> hooks) {
        return Excerpt.of(hooks.stream()
                .map(hook -> hook.id() + (hook.name() == null ? "" : " \"" + hook.name() + "\""))
                .collect(Collectors.joining(", ", "webhooks ", "")));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
