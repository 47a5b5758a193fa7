package io.botchannel.chat2desk.chat2desk;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.api.Excerpt;
import io.botchannel.chat2desk.bounds.AnswerLimit;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.channel.TokenMask;

/**
 * The Chat2Desk management calls behind channel activation: api_info, webhooks, operators.
 * Every call is bounded by the timeout and fails with a message that says what was answered.
 * (Messages to clients go through the outbound routes instead.)
 */
public class Chat2DeskApi {

    /** A webhook registered in Chat2Desk; {@code status} is {@code enable} or {@code disable}. */
    public record Webhook(long id, String name, String url, List<String> events, String status) {

        public boolean enabled() {
            return !"disable".equals(status);
        }
    }

    /** An operator of the account ({@code online} is Chat2Desk's 0/1). */
    public record Operator(long id, String email, String firstName, String lastName, boolean online) {
    }

    /** Chat2Desk's largest page, and how many pages of operators are read at most. */
    private static final int PAGE = 200;
    private static final int MAX_PAGES = 10;

    private final HttpClient http;
    private final Duration timeout;
    /** The time limit as the caller configured it, named in messages about calls that ran out of time. */
    private final Duration limit;
    /** The most bytes read of one answer. */
    private final AnswerLimit answers;
    private final ObjectMapper json = JsonLimits.mapper();

    public Chat2DeskApi(Duration timeout, AnswerLimit answers) {
        this(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, timeout, answers);
    }

    private Chat2DeskApi(HttpClient http, Duration timeout, Duration limit, AnswerLimit answers) {
        this.http = http;
        this.timeout = timeout;
        this.limit = limit;
        this.answers = answers;
    }

    /** The same API with every call bounded by what is left of a time limit (a check's). */
    public Chat2DeskApi within(Duration remaining) {
        return new Chat2DeskApi(http, remaining.isNegative() || remaining.isZero() ? Duration.ofMillis(1) : remaining,
                limit, answers);
    }

    /** {@code GET companies/api_info}: the token is accepted and the address answers. */
    public JsonNode apiInfo(String apiUrl, String token) {
        return call("GET", apiUrl, "/companies/api_info", token, null);
    }

    public List<Webhook> webhooks(String apiUrl, String token) {
        List<Webhook> hooks = new ArrayList<>();
        for (JsonNode hook : call("GET", apiUrl, "/webhooks", token, null).path("data")) {
            List<String> events = new ArrayList<>();
            hook.path("events").forEach(event -> events.add(event.asText()));
            hooks.add(new Webhook(hook.path("id").asLong(), hook.path("name").asText(null),
                    hook.path("url").asText(null), events, hook.path("status").asText("enable")));
        }
        return hooks;
    }

    /** Registers a webhook, enabled. */
    public long createWebhook(String apiUrl, String token, String name, String url, List<String> events) {
        JsonNode answer = call("POST", apiUrl, "/webhooks", token, registration(name, url, events));
        long id = answer.path("data").path("id").asLong(0);
        if (id == 0) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " registered the webhook but returned no id");
        }
        return id;
    }

    /** Replaces a registration, enabling it again if Chat2Desk disabled it. */
    public void updateWebhook(String apiUrl, String token, long id, String name, String url, List<String> events) {
        call("PUT", apiUrl, "/webhooks/" + id, token, registration(name, url, events));
    }

    private static Map<String, Object> registration(String name, String url, List<String> events) {
        return Map.of("name", name, "url", url, "events", events, "status", "enable");
    }

    public void deleteWebhook(String apiUrl, String token, long id) {
        call("DELETE", apiUrl, "/webhooks/" + id, token, null);
    }

    /** Whether Chat2Desk knows the client ({@code GET clients/:id}); other failures throw. */
    public boolean clientExists(String apiUrl, String token, long clientId) {
        try {
            call("GET", apiUrl, "/clients/" + clientId, token, null);
            return true;
        } catch (Chat2DeskException e) {
            if (e.getMessage().contains("HTTP 404") || e.getMessage().contains(" not found")) {
                return false;
            }
            throw e;
        }
    }

    /** {@code GET operators[?email=]}: the account's operators, every page of them. */
    public List<Operator> operators(String apiUrl, String token, String email) {
        String filter = email == null || email.isBlank() ? "" : "&email=" + URLEncoder.encode(email.trim(), StandardCharsets.UTF_8);
        List<Operator> operators = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = call("GET", apiUrl, "/operators?limit=" + PAGE + "&offset=" + page * PAGE + filter, token, null);
            JsonNode data = answer.path("data");
            for (JsonNode operator : data) {
                operators.add(new Operator(operator.path("id").asLong(), operator.path("email").asText(null),
                        operator.path("first_name").asText(null), operator.path("last_name").asText(null),
                        operator.path("online").asInt(0) == 1 || operator.path("online").asBoolean(false)));
            }
            long total = answer.path("meta").path("total").asLong(-1);
            if (data.size() < PAGE || (total >= 0 && operators.size() >= total)) {
                break;
            }
        }
        return operators;
    }

    /**
     * Any other call, e.g. a hand-over ({@code GET messages/:id/transfer?operator_id=}); the path
     * carries its query, and a body is sent as JSON.
     */
    public JsonNode request(String method, String apiUrl, String token, String path, Object body) {
        return call(method, apiUrl, path, token, body);
    }

    private JsonNode call(String method, String apiUrl, String path, String token, Object body) {
        String url = apiUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Authorization", token)
                .header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), answers.asString());
            return answer(method, url, response, token);
        } catch (Chat2DeskException e) {
            // its answer may quote what it was sent: the token never goes further
            throw new Chat2DeskException(TokenMask.hide(e.getMessage(), token), e.status());
        } catch (HttpTimeoutException e) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " did not answer " + method + " " + path
                    + " within " + limit.toMillis() + " ms");
        } catch (ConnectException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                throw new Chat2DeskException("Chat2Desk at " + apiUrl + " is unreachable: the host "
                        + URI.create(url).getHost() + " is not known (check the API URL)");
            }
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " is unreachable (connection refused or host down)");
        } catch (IOException e) {
            if (AnswerTooLarge.isCauseOf(e)) {
                throw new Chat2DeskException("Chat2Desk at " + apiUrl + " answered " + method + " " + path + " with "
                        + answers.exceeded());
            }
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " could not be reached: " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new Chat2DeskException("not a usable Chat2Desk API URL: " + apiUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Chat2DeskException("interrupted while calling Chat2Desk at " + apiUrl);
        }
    }

    /** The answer as JSON; a refusal says what Chat2Desk answered, in a short excerpt with the token masked. */
    private JsonNode answer(String method, String url, HttpResponse<String> response, String token) {
        JsonNode node;
        try {
            node = json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (StreamConstraintsException e) {
            throw new Chat2DeskException(method + " " + url + " answered HTTP " + response.statusCode() + " with JSON "
                    + JsonLimits.BEYOND, response.statusCode());
        } catch (JsonProcessingException e) {
            throw new Chat2DeskException(method + " " + url + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + Excerpt.of(response.body(), token), response.statusCode());
        }
        boolean ok = response.statusCode() / 100 == 2 && !"error".equals(node.path("status").asText());
        if (!ok) {
            throw new Chat2DeskException(method + " " + url + " answered HTTP " + response.statusCode() + ": "
                    + Excerpt.of(reason(node, response.body()), token), response.statusCode());
        }
        return node;
    }

    /** Chat2Desk puts its reason in {@code message} or in {@code errors} (a string or an object of arrays). */
    private static String reason(JsonNode node, String body) {
        String message = node.path("message").asText("");
        JsonNode errors = node.path("errors");
        String detail = errors.isMissingNode() || errors.isNull() ? "" : errors.isTextual() ? errors.asText() : errors.toString();
        String text = (message + " " + detail).trim();
        return text.isEmpty() ? body : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
