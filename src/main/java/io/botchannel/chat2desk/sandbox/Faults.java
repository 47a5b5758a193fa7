package io.botchannel.chat2desk.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Failures a test asks for: the next API calls of a company (optionally only those whose path
 * contains a text) answer with an error status and/or after an added latency. Rules are used
 * up in the order they were added.
 */
final class Faults {

    /** One rule; {@code status} 0 means "answer normally, only slower". */
    static final class Fault {
        final int status;
        final String message;
        final String pathContains;
        final long latencyMs;
        final Integer retryAfterSeconds;
        int remaining;

        Fault(int status, String message, String pathContains, long latencyMs, Integer retryAfterSeconds, int count) {
            this.status = status;
            this.message = message;
            this.pathContains = pathContains;
            this.latencyMs = latencyMs;
            this.retryAfterSeconds = retryAfterSeconds;
            this.remaining = count;
        }

        ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("status", status == 0 ? null : status);
            json.put("message", message);
            json.put("pathContains", pathContains);
            json.put("latencyMs", latencyMs);
            json.put("retryAfterSeconds", retryAfterSeconds);
            json.put("remaining", remaining);
            return json;
        }

        /** The body Chat2Desk gives for this kind of failure. */
        ObjectNode body() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("status", "error");
            json.put("message", message);
            return json;
        }
    }

    private final List<Fault> rules = new ArrayList<>();

    /** The texts a client can match on; a test may give its own. */
    static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Token is not correct";
            case 429 -> "Number of API requests exceeded";
            case 503 -> "Service temporarily unavailable";
            default -> status >= 500 ? "Internal server error" : "Request failed";
        };
    }

    synchronized void add(Fault fault) {
        rules.add(fault);
    }

    synchronized void clear() {
        rules.clear();
    }

    /** Uses up one call of the first rule that matches the path, if any. */
    synchronized Fault take(String path) {
        for (Iterator<Fault> it = rules.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.pathContains == null || path.contains(fault.pathContains)) {
                if (--fault.remaining <= 0) {
                    it.remove();
                }
                return fault;
            }
        }
        return null;
    }

    synchronized ArrayNode toJson() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        rules.forEach(rule -> list.add(rule.toJson()));
        return list;
    }
}
