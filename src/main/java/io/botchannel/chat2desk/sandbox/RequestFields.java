package io.botchannel.chat2desk.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botchannel.chat2desk.bounds.JsonLimits;

/**
 * The fields of one request: the JSON body first, then the query string. Chat2Desk reads both
 * (several clients put {@code messages} parameters in the query), and numbers may come as
 * JSON numbers or as digit strings. Bad values are refused naming the field.
 */
final class RequestFields {

    private static final ObjectMapper JSON = JsonLimits.mapper();

    private final ObjectNode body;
    private final Map<String, String> query;

    private RequestFields(ObjectNode body, Map<String, String> query) {
        this.body = body;
        this.query = query;
    }

    static RequestFields of(String body, String query) {
        return new RequestFields(parseBody(body), parseQuery(query));
    }

    static RequestFields ofQuery(String query) {
        return new RequestFields(JsonNodeFactory.instance.objectNode(), parseQuery(query));
    }

    ObjectNode body() {
        return body;
    }

    /** Present in the body (even as null) or in the query. */
    boolean has(String name) {
        return body.has(name) || query.containsKey(name);
    }

    /** The raw JSON value (body only: structured values never travel in the query). */
    JsonNode node(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String text(String name) {
        JsonNode value = body.get(name);
        if (value != null && !value.isNull()) {
            if (!value.isValueNode()) {
                throw ApiRefusal.invalid(name, "The " + name + " must be a string.");
            }
            return value.asText();
        }
        return body.has(name) ? null : query.get(name);
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw ApiRefusal.invalid(name, "The " + name + " field is required.");
        }
        return value;
    }

    Long number(String name) {
        JsonNode value = body.get(name);
        if (value != null && value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw ApiRefusal.invalid(name, "The " + name + " must be an integer.");
        }
        String raw = value != null && !value.isNull() ? value.asText() : body.has(name) ? null : query.get(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiRefusal.invalid(name, "The " + name + " must be an integer.");
        }
    }

    long requiredNumber(String name) {
        Long value = number(name);
        if (value == null) {
            throw ApiRefusal.invalid(name, "The " + name + " field is required.");
        }
        return value;
    }

    int number(String name, int fallback, int min, int max) {
        Long value = number(name);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiRefusal.invalid(name, "The " + name + " must be between " + min + " and " + max + ".");
        }
        return value.intValue();
    }

    /** A structured value of the expected shape (e.g. an object of buttons), or null when absent. */
    JsonNode node(String name, Predicate<JsonNode> shape, String what) {
        JsonNode value = node(name);
        if (value != null && !shape.test(value)) {
            throw ApiRefusal.invalid(name, "The " + name + " must be " + what + ".");
        }
        return value;
    }

    /** A file URL. Chat2Desk fetches files by URL: anything but a direct http(s) URL cannot be fetched. */
    String fileUrl(String name) {
        String url = text(name);
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!isHttp(url)) {
            throw ApiRefusal.invalid(name, "The " + name + " must be a direct http or https URL.");
        }
        return url;
    }

    /** Files as {@code [{name, link}]}, the shape of message attachments; the name may be missing. */
    JsonNode attachments(String name) {
        JsonNode files = node(name, JsonNode::isArray, "an array of {name, link}");
        if (files == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        for (JsonNode file : files) {
            if (!file.path("link").isTextual() || !isHttp(file.path("link").asText())) {
                throw ApiRefusal.invalid(name, "Each of the " + name + " needs a link that is an http or https URL.");
            }
        }
        return files;
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    boolean flag(String name, boolean fallback) {
        JsonNode value = body.get(name);
        String raw = value != null && !value.isNull() ? value.asText() : body.has(name) ? null : query.get(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiRefusal.invalid(name, "The " + name + " field must be true or false.");
        };
    }

    private static ObjectNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (StreamConstraintsException e) {
            throw ApiRefusal.badRequest("The request body is " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw ApiRefusal.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        throw ApiRefusal.badRequest("The request body must be a JSON object.");
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiRefusal.badRequest("The query string is not properly encoded: " + pair);
            }
        }
        return params;
    }
}
