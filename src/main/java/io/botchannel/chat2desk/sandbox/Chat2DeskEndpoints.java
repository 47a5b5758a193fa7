package io.botchannel.chat2desk.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulated Chat2Desk API under {@code /sandbox/v1}: finds the call for a method and path,
 * checks the token, applies any fault a test asked for, and answers in Chat2Desk's envelope.
 */
final class Chat2DeskEndpoints {

    static final String PREFIX = "/sandbox/v1";

    private final Chat2DeskSandbox sandbox;

    Chat2DeskEndpoints(Chat2DeskSandbox sandbox) {
        this.sandbox = sandbox;
    }

    SandboxResponse handle(String method, String path, String query, String authorization, String body) {
        String relative = relative(path);
        Function<Company, SandboxResponse> call = resolve(method == null ? "GET" : method.toUpperCase(),
                segments(relative), query, body);
        if (call == null) {
            return error(404, "Page not found");
        }
        Company company = authorization == null ? null : sandbox.company(authorization.trim());
        if (company == null) {
            return error(401, "Token is not correct");
        }
        Faults.Fault fault = company.faults.take(relative);
        if (fault != null) {
            delay(fault.latencyMs);
            if (fault.status != 0) {
                return SandboxResponse.json(fault.status, fault.body(), fault.retryAfterSeconds);
            }
        }
        try {
            return call.apply(company);
        } catch (ApiRefusal refusal) {
            return SandboxResponse.json(refusal.status(), refusal.envelope());
        }
    }

    /** The call for a method and path, or null for a path Chat2Desk does not have. */
    private static Function<Company, SandboxResponse> resolve(String method, List<String> s, String query, String body) {
        String call = method + " " + String.join("/", s.stream().map(part -> isId(part) ? ":id" : part).toList());
        long id = s.size() > 1 && isId(s.get(1)) ? Long.parseLong(s.get(1)) : 0;
        return switch (call) {
            case "GET companies/api_info" -> c -> data(c.apiInfo());
            case "GET webhooks" -> c -> data(c.webhooks.list());
            case "POST webhooks" -> c -> data(c.webhooks.create(RequestFields.of(body, null)));
            case "PUT webhooks/:id" -> c -> data(c.webhooks.update(id, RequestFields.of(body, null)));
            case "DELETE webhooks/:id" -> c -> {
                c.webhooks.delete(id);
                return success();
            };
            case "POST messages" -> c -> data(c.conversations.send(RequestFields.of(body, query)));
            case "GET messages" -> c -> list(c.conversations.messages(RequestFields.ofQuery(query)));
            case "GET messages/:id" -> c -> data(c.conversations.message(id));
            case "GET messages/:id/transfer" -> c -> {
                c.conversations.transfer(id, RequestFields.ofQuery(query));
                return success();
            };
            case "GET messages/:id/transfer_to_group" -> c -> {
                c.conversations.transferToGroup(id, RequestFields.ofQuery(query));
                return success();
            };
            case "GET dialogs" -> c -> list(c.conversations.dialogs(RequestFields.ofQuery(query)));
            case "GET dialogs/:id" -> c -> data(c.conversations.dialog(id));
            case "PUT dialogs/:id" -> c -> data(c.conversations.updateDialog(id, RequestFields.of(body, null)));
            case "GET operators" -> c -> list(c.conversations.operators(RequestFields.ofQuery(query)));
            case "GET operators_groups" -> c -> data(c.conversations.groups());
            case "GET clients" -> c -> list(c.conversations.clients(RequestFields.ofQuery(query)));
            case "GET clients/:id" -> c -> data(c.conversations.client(id));
            case "POST clients" -> c -> data(c.conversations.createClient(RequestFields.of(body, query)));
            case "GET channels" -> c -> data(SandboxChannel.list());
            default -> null;
        };
    }

    static String relative(String path) {
        String relative = path == null ? "" : path;
        int prefix = relative.indexOf(PREFIX);
        return prefix < 0 ? relative : relative.substring(prefix + PREFIX.length());
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
    }

    private static boolean isId(String part) {
        return !part.isEmpty() && part.length() <= 18 && part.chars().allMatch(Character::isDigit);
    }

    /** Emulated latency: the caller waits as it would for a slow Chat2Desk. */
    private static void delay(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SandboxResponse success() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse data(JsonNode data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        body.set("data", data);
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse list(Listing listing) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "success");
        body.set("data", listing.data());
        body.set("meta", listing.meta());
        return SandboxResponse.json(200, body);
    }

    static SandboxResponse error(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "error");
        body.put("message", message);
        return SandboxResponse.json(status, body);
    }
}
