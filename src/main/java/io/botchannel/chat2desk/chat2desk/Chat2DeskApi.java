package io.botchannel.chat2desk.chat2desk;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Chat2Desk management calls behind channel activation: api_info, webhooks, operators.
 * Every call is bounded by the timeout and fails with a message that says what was answered.
 * (Messages to clients go through the outbound routes instead.)
 */
public class Chat2DeskApi {

    /** A webhook registered in Chat2Desk. */
    public record Webhook(long id, String url) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public Chat2DeskApi(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code GET companies/api_info}: the token is accepted and the address answers. */
    public JsonNode apiInfo(String apiUrl, String token) {
        return call("GET", apiUrl, "/companies/api_info", token, null);
    }

    public List<Webhook> webhooks(String apiUrl, String token) {
        List<Webhook> hooks = new ArrayList<>();
        for (JsonNode hook : call("GET", apiUrl, "/webhooks", token, null).path("data")) {
            hooks.add(new Webhook(hook.path("id").asLong(), hook.path("url").asText(null)));
        }
        return hooks;
    }

    public long createWebhook(String apiUrl, String token, String name, String url, List<String> events) {
        JsonNode answer = call("POST", apiUrl, "/webhooks", token, Map.of("name", name, "url", url, "events", events));
        long id = answer.path("data").path("id").asLong(0);
        if (id == 0) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " registered the webhook but returned no id");
        }
        return id;
    }

    public void updateWebhook(String apiUrl, String token, long id, String name, String url, List<String> events) {
        call("PUT", apiUrl, "/webhooks/" + id, token, Map.of("name", name, "url", url, "events", events));
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

    /** {@code GET operators[?email=]}: the account's operators. */
    public JsonNode operators(String apiUrl, String token, String email) {
        String query = email == null || email.isBlank() ? "" : "?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        return call("GET", apiUrl, "/operators" + query, token, null).path("data");
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
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer(method, url, response);
        } catch (HttpTimeoutException e) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " did not answer " + method + " " + path
                    + " within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " is unreachable (connection refused or host down)");
        } catch (IOException e) {
            throw new Chat2DeskException("Chat2Desk at " + apiUrl + " could not be reached: " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new Chat2DeskException("not a usable Chat2Desk API URL: " + apiUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Chat2DeskException("interrupted while calling Chat2Desk at " + apiUrl);
        }
    }

    private JsonNode answer(String method, String url, HttpResponse<String> response) {
        JsonNode node;
        try {
            node = json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
        } catch (JsonProcessingException e) {
            throw new Chat2DeskException(method + " " + url + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + abbreviate(response.body()));
        }
        boolean ok = response.statusCode() / 100 == 2 && !"error".equals(node.path("status").asText());
        if (!ok) {
            throw new Chat2DeskException(method + " " + url + " answered HTTP " + response.statusCode() + ": "
                    + reason(node, response.body()));
        }
        return node;
    }

    /** Chat2Desk puts its reason in {@code message} or in {@code errors} (a string or an object of arrays). */
    private static String reason(JsonNode node, String body) {
        String message = node.path("message").asText("");
        JsonNode errors = node.path("errors");
        String detail = errors.isMissingNode() || errors.isNull() ? "" : errors.isTextual() ? errors.asText() : errors.toString();
        String text = (message + " " + detail).trim();
        return text.isEmpty() ? abbreviate(body) : text;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
