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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.ChannelStore;
import io.botchannel.chat2desk.store.StoreException;

/**
 * The ordered activation check chain: Agent trained, token unique, address accessible, webhook
 * registered. The chain stops at the first failure. Each check answers for its own failures with
 * what to fix, and runs within the check time limit: a hung Agent or Chat2Desk fails the check,
 * never the request.
 */
public class ActivationChecks {

    public static final String AGENT_TRAINED = "agent-trained";
    public static final String TOKEN_UNIQUE = "token-unique";
    public static final String ADDRESS_ACCESSIBLE = "address-accessible";
    public static final String WEBHOOK_REGISTERED = "webhook-registered";

    /** Chat2Desk allows at most five webhooks per account. */
    static final int WEBHOOK_LIMIT = 5;
    /** A check's HTTP calls time out on their own; this is only the backstop for what they do not bound. */
    private static final long BACKSTOP_GRACE_MS = 1000;

    /**
     * The outcome of a chain run.
     *
     * @param webhookId      the registered webhook, when the webhook check passed
     * @param webhookChanged the run created, re-enabled or corrected the registration
     */
    public record Outcome(List<CheckResult> checks, Long webhookId, boolean webhookChanged) {

        /** Every check ran, up to the last one, and passed. */
        public boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed)
                    && WEBHOOK_REGISTERED.equals(checks.get(checks.size() - 1).check());
        }

        public CheckResult last() {
            return checks.get(checks.size() - 1);
        }
    }

    /** One run of the chain for one channel; the checks share what they learn through it. */
    private final class Run {
        final Channel channel;
        final String webhookUrl;
        volatile long deadline;
        volatile Long webhookId;
        volatile boolean webhookChanged;

        Run(Channel channel, String webhookUrl) {
            this.channel = channel;
            this.webhookUrl = webhookUrl;
        }

        Duration remaining() {
            return Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis()));
        }

        Chat2DeskApi chat2desk() {
            return chat2desk.within(remaining());
        }
    }

    private interface Check {
        CheckResult run(Run run) throws Exception;
    }

    private record Step(String name, String what, Check check) {
    }

    private final List<Step> chain = List.of(
            new Step(AGENT_TRAINED, "asking the Agent whether it is trained", this::agentTrained),
            new Step(TOKEN_UNIQUE, "looking for another active channel with this token", this::tokenUnique),
            new Step(ADDRESS_ACCESSIBLE, "calling Chat2Desk's companies/api_info", this::addressAccessible),
            new Step(WEBHOOK_REGISTERED, "registering the webhook in Chat2Desk", this::webhookRegistered));

    private final ChannelStore store;
    private final Chat2DeskApi chat2desk;
    private final String defaultAgentUrl;
    private final List<String> webhookEvents;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "activation-check");
        thread.setDaemon(true);
        return thread;
    });
    private final ObjectMapper json = new ObjectMapper();

    public ActivationChecks(ChannelStore store, Chat2DeskApi chat2desk, String defaultAgentUrl,
                            List<String> webhookEvents, Duration timeout) {
        this.store = store;
        this.chat2desk = chat2desk;
        this.defaultAgentUrl = defaultAgentUrl;
        this.webhookEvents = List.copyOf(webhookEvents);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Runs the checks in order for the channel as it would be saved, stopping at the first failure. */
    public Outcome run(Channel channel, String webhookUrl) {
        return runFrom(AGENT_TRAINED, channel, webhookUrl);
    }

    /** Runs the chain from the named check on, in order, stopping at the first failure. */
    public Outcome runFrom(String firstCheck, Channel channel, String webhookUrl) {
        Run run = new Run(channel, webhookUrl);
        List<CheckResult> results = new ArrayList<>();
        boolean started = false;
        for (Step step : chain) {
            started |= step.name().equals(firstCheck);
            if (!started) {
                continue;
            }
            CheckResult result = bounded(step, run);
            results.add(result);
            if (!result.passed()) {
                break;
            }
        }
        return new Outcome(results, run.webhookId, run.webhookChanged);
    }

    /** The check on its own thread, given the check time limit; whatever escapes it still becomes a failed check. */
    private CheckResult bounded(Step step, Run run) {
        run.deadline = System.currentTimeMillis() + timeout.toMillis();
        Future<CheckResult> result = runner.submit(() -> step.check().run(run));
        try {
            return result.get(timeout.toMillis() + BACKSTOP_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return CheckResult.failed(step.name(), "no answer within " + timeout.toMillis() + " ms while "
                    + step.what() + " (channel.check-timeout-ms)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return CheckResult.failed(step.name(), cause instanceof Chat2DeskException ? cause.getMessage()
                    : "failed while " + step.what() + ": " + cause);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.failed(step.name(), "interrupted while " + step.what());
        }
    }

    private CheckResult agentTrained(Run run) throws InterruptedException {
        String agentUrl = run.channel.agentUrl() == null ? defaultAgentUrl : run.channel.agentUrl();
        String statusUrl = agentUrl + "/status";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).timeout(run.remaining()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " could not be reached: "
                    + (e.getCause() instanceof UnresolvedAddressException ? "unknown host"
                    : "connection refused or host down") + "; check agentUrl and that the Agent runs");
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " could not be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200 && answer != null && answer.path("trained").isBoolean()
                && answer.path("trained").asBoolean()) {
            return CheckResult.passed(AGENT_TRAINED, "the Agent at " + agentUrl + " is trained");
        }
        return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " answered HTTP "
                + response.statusCode() + " " + abbreviate(response.body()) + "; expected {\"trained\": true}:"
                + " train the Agent or correct agentUrl");
    }

    private CheckResult tokenUnique(Run run) {
        try {
            return store.findActiveByToken(run.channel.token(), run.channel.id())
                    .map(other -> CheckResult.failed(TOKEN_UNIQUE, "the active channel " + other.id() + " (\""
                            + other.name() + "\") already uses this token; deactivate it or use another token"))
                    .orElseGet(() -> CheckResult.passed(TOKEN_UNIQUE, "no other active channel uses this token"));
        } catch (StoreException e) {
            return CheckResult.failed(TOKEN_UNIQUE, "the channel store could not be asked: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
    }

    private CheckResult addressAccessible(Run run) {
        Channel channel = run.channel;
        JsonNode info;
        try {
            info = run.chat2desk().apiInfo(channel.apiUrl(), channel.token());
        } catch (Chat2DeskException e) {
            String fix = e.status() == 401 || e.getMessage().contains("Token is not correct")
                    ? "; copy the token again from Chat2Desk (Settings -> API)"
                    : e.status() == 404 ? "; check the API URL (for example https://api.chat2desk.com/v1)" : "";
            return CheckResult.failed(ADDRESS_ACCESSIBLE, e.getMessage() + fix);
        }
        String company = info.path("data").path("company_name").asText("");
        return CheckResult.passed(ADDRESS_ACCESSIBLE, "Chat2Desk at " + channel.apiUrl() + " accepted the token"
                + (company.isEmpty() ? "" : " (company \"" + company + "\")"));
    }

    /**
     * Registers our webhook URL, idempotently: an earlier registration of this channel's URL is
     * updated in place (and enabled again) rather than deleted and created, so that a failure
     * leaves the working registration as it was; nothing is written when it is already right.
     * Other webhooks of the account are never touched.
     */
    private CheckResult webhookRegistered(Run run) {
        Channel channel = run.channel;
        String url = run.webhookUrl;
        String name = webhookName(channel);
        Chat2DeskApi api = run.chat2desk();
        List<Chat2DeskApi.Webhook> hooks;
        try {
            hooks = api.webhooks(channel.apiUrl(), channel.token());
        } catch (Chat2DeskException e) {
            return CheckResult.failed(WEBHOOK_REGISTERED, "the account's webhooks could not be read: " + e.getMessage());
        }
        List<Chat2DeskApi.Webhook> ours = hooks.stream().filter(hook -> isOurs(hook, channel)).toList();
        try {
            if (ours.isEmpty()) {
                if (hooks.size() >= WEBHOOK_LIMIT) {
                    return CheckResult.failed(WEBHOOK_REGISTERED, "the webhook " + url + " could not be registered:"
                            + " Chat2Desk allows at most " + WEBHOOK_LIMIT + " webhooks per account and this account"
                            + " has " + hooks.size() + " (" + describe(hooks) + "); delete one you no longer need in"
                            + " Chat2Desk, then activate again");
                }
                run.webhookId = api.createWebhook(channel.apiUrl(), channel.token(), name, url, webhookEvents);
                run.webhookChanged = true;
                return CheckResult.passed(WEBHOOK_REGISTERED, "webhook " + run.webhookId + " registered for " + url);
            }
            Chat2DeskApi.Webhook hook = ours.get(0);
            run.webhookId = hook.id();
            for (Chat2DeskApi.Webhook duplicate : ours.subList(1, ours.size())) {
                api.deleteWebhook(channel.apiUrl(), channel.token(), duplicate.id());
            }
            if (upToDate(hook, name, url)) {
                return CheckResult.passed(WEBHOOK_REGISTERED, "webhook " + hook.id() + " registered for " + url);
            }
            api.updateWebhook(channel.apiUrl(), channel.token(), hook.id(), name, url, webhookEvents);
            run.webhookChanged = true;
            return CheckResult.passed(WEBHOOK_REGISTERED, "webhook " + hook.id() + (hook.enabled()
                    ? " updated for " : " was disabled in Chat2Desk; enabled again for ") + url);
        } catch (Chat2DeskException e) {
            String limit = e.status() / 100 == 4 ? " (Chat2Desk allows at most " + WEBHOOK_LIMIT
                    + " webhooks per account)" : "";
            return CheckResult.failed(WEBHOOK_REGISTERED, "the webhook " + url + " could not be registered"
                    + limit + ": " + e.getMessage());
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
        return hooks.stream().map(hook -> hook.id() + (hook.name() == null ? "" : " \"" + hook.name() + "\""))
                .collect(Collectors.joining(", ", "webhooks ", ""));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
