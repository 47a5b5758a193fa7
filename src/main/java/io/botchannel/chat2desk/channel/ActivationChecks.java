package io.botchannel.chat2desk.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.store.ChannelStore;

/**
 * The ordered activation check chain: Agent trained, token unique, address accessible, webhook
 * registered. The chain stops at the first failure; each check catches its own errors and says
 * what to fix, so a failing check never fails the request.
 */
public class ActivationChecks {

    public static final String AGENT_TRAINED = "agent-trained";
    public static final String TOKEN_UNIQUE = "token-unique";
    public static final String ADDRESS_ACCESSIBLE = "address-accessible";
    public static final String WEBHOOK_REGISTERED = "webhook-registered";

    /** The outcome of a chain run; {@code webhookId} is set when the webhook was registered. */
    public record Outcome(List<CheckResult> checks, Long webhookId) {

        public boolean passed() {
            return checks.size() == 4 && checks.stream().allMatch(CheckResult::passed);
        }
    }

    private interface Check {
        CheckResult run(Channel channel, String webhookUrl, Long[] webhookId) throws Exception;
    }

    private final ChannelStore store;
    private final Chat2DeskApi chat2desk;
    private final String defaultAgentUrl;
    private final List<String> webhookEvents;
    private final Duration timeout;
    private final HttpClient http;
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
        List<Check> chain = List.of(this::agentTrained, this::tokenUnique, this::addressAccessible,
                this::webhookRegistered);
        List<String> names = List.of(AGENT_TRAINED, TOKEN_UNIQUE, ADDRESS_ACCESSIBLE, WEBHOOK_REGISTERED);
        List<CheckResult> results = new ArrayList<>();
        Long[] webhookId = {null};
        for (int i = 0; i < chain.size(); i++) {
            CheckResult result;
            try {
                result = chain.get(i).run(channel, webhookUrl, webhookId);
            } catch (Chat2DeskException e) {
                result = CheckResult.failed(names.get(i), e.getMessage());
            } catch (Exception e) {
                result = CheckResult.failed(names.get(i), "unexpected error: " + e);
            }
            results.add(result);
            if (!result.passed()) {
                break;
            }
        }
        return new Outcome(results, webhookId[0]);
    }

    private CheckResult agentTrained(Channel channel, String webhookUrl, Long[] webhookId) throws InterruptedException {
        String agentUrl = channel.agentUrl() == null ? defaultAgentUrl : channel.agentUrl();
        String statusUrl = agentUrl + "/status";
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " could not be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200 && answer != null && answer.path("trained").asBoolean(false)
                && answer.path("trained").isBoolean()) {
            return CheckResult.passed(AGENT_TRAINED, "the Agent at " + agentUrl + " is trained");
        }
        return CheckResult.failed(AGENT_TRAINED, "the Agent at " + statusUrl + " answered HTTP "
                + response.statusCode() + " " + abbreviate(response.body()) + "; expected {\"trained\": true}");
    }

    private CheckResult tokenUnique(Channel channel, String webhookUrl, Long[] webhookId) {
        return store.findActiveByToken(channel.token(), channel.id())
                .map(other -> CheckResult.failed(TOKEN_UNIQUE, "the active channel " + other.id() + " (\""
                        + other.name() + "\") already uses this token; deactivate it or use another token"))
                .orElseGet(() -> CheckResult.passed(TOKEN_UNIQUE, "no other active channel uses this token"));
    }

    private CheckResult addressAccessible(Channel channel, String webhookUrl, Long[] webhookId) {
        JsonNode info = chat2desk.apiInfo(channel.apiUrl(), channel.token());
        String company = info.path("data").path("company_name").asText("");
        return CheckResult.passed(ADDRESS_ACCESSIBLE, "Chat2Desk at " + channel.apiUrl() + " accepted the token"
                + (company.isEmpty() ? "" : " (company \"" + company + "\")"));
    }

    /**
     * Registers our webhook URL. An earlier registration of the same URL is updated in place rather
     * than deleted and created again, so that a failure leaves the working registration as it was.
     */
    private CheckResult webhookRegistered(Channel channel, String webhookUrl, Long[] webhookId) {
        String name = "chat2desk-bot-channel: " + channel.name();
        List<Chat2DeskApi.Webhook> ours = chat2desk.webhooks(channel.apiUrl(), channel.token()).stream()
                .filter(hook -> webhookUrl.equals(hook.url()))
                .toList();
        try {
            if (ours.isEmpty()) {
                webhookId[0] = chat2desk.createWebhook(channel.apiUrl(), channel.token(), name, webhookUrl, webhookEvents);
            } else {
                webhookId[0] = ours.get(0).id();
                chat2desk.updateWebhook(channel.apiUrl(), channel.token(), webhookId[0], name, webhookUrl, webhookEvents);
                for (Chat2DeskApi.Webhook duplicate : ours.subList(1, ours.size())) {
                    chat2desk.deleteWebhook(channel.apiUrl(), channel.token(), duplicate.id());
                }
            }
        } catch (Chat2DeskException e) {
            return CheckResult.failed(WEBHOOK_REGISTERED, "the webhook " + webhookUrl + " could not be registered"
                    + " (Chat2Desk allows at most 5 webhooks per account): " + e.getMessage());
        }
        return CheckResult.passed(WEBHOOK_REGISTERED, "webhook " + webhookId[0] + " registered for " + webhookUrl);
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
