package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /sandbox/control}: what tests and the page use to play the
 * client's part, look behind the scenes and break things on purpose. No auth (sandbox only).
 * Answers are plain JSON; errors are {@code {"error": "..."}}.
 */
final class ControlEndpoints {

    static final String PREFIX = "/sandbox/control";

    private final Chat2DeskSandbox sandbox;

    ControlEndpoints(Chat2DeskSandbox sandbox) {
        this.sandbox = sandbox;
    }

    SandboxResponse handle(String method, String path, String query, String body) {
        String relative = path == null ? "" : path;
        int prefix = relative.indexOf(PREFIX);
        relative = prefix < 0 ? relative : relative.substring(prefix + PREFIX.length());
        List<String> s = Arrays.stream(relative.split("/")).filter(part -> !part.isEmpty()).toList();
        String verb = method == null ? "GET" : method.toUpperCase();
        try {
            return dispatch(verb, s, query, body);
        } catch (ApiRefusal refusal) {
            return error(refusal.status(), refusal.getMessage());
        }
    }

    private SandboxResponse dispatch(String method, List<String> s, String query, String body) {
        String call = method + " " + String.join("/", s);
        if (s.size() == 3 && s.get(0).equals("clients") && s.get(2).equals("messages") && method.equals("GET")) {
            long clientId = clientId(s.get(1));
            return json(200, company(RequestFields.ofQuery(query)).conversations.conversation(clientId));
        }
        return switch (call) {
            case "GET demo" -> json(200, demo());
            case "POST companies" -> {
                String token = RequestFields.of(body, query).requiredText("token").trim();
                Company company = sandbox.createCompany(token);
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("companyId", company.id);
                yield json(201, answer);
            }
            case "POST client-messages" -> {
                RequestFields fields = RequestFields.of(body, query);
                yield json(201, company(fields).conversations.clientWrites(fields));
            }
            case "POST events" -> {
                RequestFields fields = RequestFields.of(body, query);
                Company company = company(fields);
                ObjectNode event = event(fields);
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("hookType", event.get("hook_type").asText());
                answer.put("webhooks", company.conversations.publish(event));
                yield json(202, answer);
            }
            case "GET deliveries" -> {
                RequestFields fields = RequestFields.ofQuery(query);
                Long clientId = fields.number("clientId");
                Webhooks webhooks = company(fields).webhooks;
                yield json(200, clientId == null ? webhooks.deliveries() : webhooks.deliveries(clientId));
            }
            case "GET conversations" -> json(200, company(RequestFields.ofQuery(query)).conversations.conversations());
            case "GET faults" -> json(200, company(RequestFields.ofQuery(query)).faults.toJson());
            case "POST faults" -> {
                RequestFields fields = RequestFields.of(body, query);
                Company company = company(fields);
                company.faults.add(fault(fields));
                yield json(201, faults(company));
            }
            case "DELETE faults" -> {
                Company company = company(RequestFields.ofQuery(query));
                company.faults.clear();
                yield json(200, faults(company));
            }
            case "POST reset" -> {
                sandbox.reset();
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("status", "reset");
                yield json(200, answer);
            }
            default -> error(404, "No sandbox control endpoint " + call.trim() + "; see GET /sandbox for the page");
        };
    }

    /** The company named by {@code token}, the demo company when none is given. */
    private Company company(RequestFields fields) {
        String token = fields.text("token");
        token = token == null || token.isBlank() ? sandbox.demoToken() : token.trim();
        Company company = sandbox.company(token);
        if (company == null) {
            throw ApiRefusal.badRequest("No sandbox company has the token " + mask(token)
                    + "; create it with POST /sandbox/control/companies");
        }
        return company;
    }

    /** Everything in the body but the token becomes the event, then its hook_type and event_time. */
    private static ObjectNode event(RequestFields fields) {
        String hookType = fields.requiredText("hookType");
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.body().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("token") && !field.getKey().equals("hookType")) {
                event.set(field.getKey(), field.getValue());
            }
        }
        if (!event.has("hook_type")) {
            event.put("hook_type", hookType);
        }
        if (!event.has("event_time")) {
            event.put("event_time", Message.isoMicros(Instant.now()));
        }
        return event;
    }

    private static Faults.Fault fault(RequestFields fields) {
        int status = fields.number("status", 0, 0, 599);
        if (status != 0 && status < 400) {
            throw ApiRefusal.invalid("status", "The status must be an error status (400-599).");
        }
        int count = fields.number("count", 1, 1, 1_000_000);
        long latencyMs = fields.number("latencyMs", 0, 0, 120_000);
        if (status == 0 && latencyMs == 0) {
            throw ApiRefusal.invalid("status", "Give a status (400-599) and/or a latencyMs.");
        }
        Long retryAfter = fields.number("retryAfterSeconds");
        if (retryAfter != null && (retryAfter < 0 || retryAfter > 86_400)) {
            throw ApiRefusal.invalid("retryAfterSeconds", "The retryAfterSeconds must be between 0 and 86400.");
        }
        Integer retryAfterSeconds = retryAfter != null ? Integer.valueOf(retryAfter.intValue()) : status == 429 ? 1 : null;
        String message = fields.text("message");
        String pathContains = fields.text("pathContains");
        return new Faults.Fault(status, message == null ? Faults.defaultMessage(status) : message,
                pathContains == null || pathContains.isEmpty() ? null : pathContains, latencyMs,
                status == 0 ? null : retryAfterSeconds, count);
    }

    private static ObjectNode faults(Company company) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("faults", company.faults.toJson());
        return answer;
    }

    /**
     * What the page needs to act as the demo company's client and operator. The demo token is
     * public by design: the control API already lets anyone act for the demo company.
     */
    private ObjectNode demo() {
        ObjectNode demo = JsonNodeFactory.instance.objectNode();
        demo.put("token", sandbox.demoToken());
        demo.put("apiUrl", Chat2DeskEndpoints.PREFIX);
        demo.put("botOperatorId", 41164);
        demo.put("humanOperatorId", 41165);
        demo.put("groupId", 7);
        demo.putArray("transports").add("widget").add("telegram").add("whatsapp").add("sms").add("viber");
        return demo;
    }

    private static long clientId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiRefusal.badRequest("The client id must be a number, not " + text);
        }
    }

    /** Tokens are not echoed in full, as everywhere in the bundle. */
    static String mask(String token) {
        return token.length() <= 4 ? "****" : "****" + token.substring(token.length() - 4);
    }

    private static SandboxResponse json(int status, JsonNode body) {
        return SandboxResponse.json(status, body);
    }

    static SandboxResponse error(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", message);
        return SandboxResponse.json(status, body);
    }
}
