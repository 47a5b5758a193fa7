package io.botchannel.chat2desk.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botchannel.chat2desk.api.ApiError;

/**
 * The writable fields of a channel as a caller sent them, checked field by field. A field that is
 * absent is left as it was (on update) or takes its default (on create); {@code null} clears it.
 */
public final class ChannelInput {

    static final String DEFAULT_NAME = "New channel";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 1000;

    private final ObjectNode fields;

    private ChannelInput(ObjectNode fields) {
        this.fields = fields;
    }

    public static ChannelInput parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("body: a JSON object with the channel's fields is required");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object");
        }
        ChannelInput input = new ChannelInput((ObjectNode) node);
        input.validate();
        return input;
    }

    /** A new channel from this input; {@code apiUrl} and {@code token} are required. */
    public Channel toNewChannel(String id, String key, java.time.Instant now) {
        require("apiUrl");
        require("token");
        return new Channel(id, key, name().orElse(DEFAULT_NAME), text("apiUrl").orElseThrow(),
                text("token").orElseThrow(), operatorId(null), serviceMessages(false), text("agentUrl").orElse(null),
                false, null, null, now, now, options(Channel.Options.NONE));
    }

    /** The channel with this input's fields applied over it. */
    public Channel applyTo(Channel c) {
        for (String field : new String[] {"apiUrl", "token"}) {
            if (fields.has(field) && fields.get(field).isNull()) {
                throw ApiError.badRequest(field + ": must not be null");
            }
        }
        return new Channel(c.id(), c.key(), name().orElse(c.name()), text("apiUrl").orElse(c.apiUrl()),
                text("token").orElse(c.token()), operatorId(c.operatorId()), serviceMessages(c.serviceMessages()),
                fields.has("agentUrl") ? text("agentUrl").orElse(null) : c.agentUrl(),
                c.active(), c.webhookId(), c.checks(), c.createdAt(), java.time.Instant.now(), options(c.options()));
    }

    private void validate() {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) fields::fields) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "name" -> checkText("name", value);
                case "token" -> {
                    checkText("token", value);
                    // Sent as the Authorization header: only visible ASCII can travel there
                    if (value.isTextual() && !value.asText().trim().matches("[\\x21-\\x7e]+")) {
                        throw ApiError.badRequest("token: must be the token as Chat2Desk shows it (letters, digits and"
                                + " punctuation, no spaces)");
                    }
                }
                case "apiUrl", "agentUrl" -> checkUrl(field.getKey(), value);
                case "operatorId" -> checkId("operatorId", "a Chat2Desk operator id", value);
                case "fallbackGroupId" -> checkId("fallbackGroupId", "a Chat2Desk operator group id", value);
                case "serviceMessages", "shareTokenWithAgent", "requireSignature" -> {
                    if (!value.isNull() && !value.isBoolean()) {
                        throw ApiError.badRequest(field.getKey() + ": must be true or false");
                    }
                }
                default -> {
                    // id, active, webhookUrl, checks and unknown fields are read-only or ignored
                }
            }
        }
    }

    private static void checkText(String field, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiError.badRequest(field + ": must be a non-empty string");
        }
        if (value.asText().length() > MAX_TEXT) {
            throw ApiError.badRequest(field + ": must be at most " + MAX_TEXT + " characters");
        }
    }

    private static void checkUrl(String field, JsonNode value) {
        checkText(field, value);
        if (value.isNull()) {
            return;
        }
        try {
            URI uri = new URI(value.asText().trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw ApiError.badRequest(field + ": must be an http(s) URL such as https://api.chat2desk.com/v1");
            }
        } catch (URISyntaxException e) {
            throw ApiError.badRequest(field + ": not a valid URL (" + e.getReason() + ")");
        }
    }

    private static void checkId(String field, String what, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        boolean number = value.canConvertToLong() && value.isIntegralNumber() && value.asLong() > 0;
        boolean numericText = value.isTextual() && value.asText().matches("[1-9][0-9]{0,17}");
        if (!number && !numericText) {
            throw ApiError.badRequest(field + ": must be a positive integer (" + what + ") or null");
        }
    }

    private void require(String field) {
        if (!fields.hasNonNull(field)) {
            throw ApiError.badRequest(field + ": is required");
        }
    }

    private Optional<String> name() {
        return text("name");
    }

    private Optional<String> text(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().trim();
        // A trailing slash would double up when paths are appended to a base URL
        return Optional.of(field.endsWith("Url") ? text.replaceAll("/+$", "") : text);
    }

    private Long operatorId(Long current) {
        return id("operatorId", current);
    }

    private Long id(String field, Long current) {
        JsonNode value = fields.get(field);
        if (value == null) {
            return current;
        }
        return value.isNull() ? null : Long.valueOf(value.asText());
    }

    private boolean serviceMessages(boolean current) {
        return flag("serviceMessages", current);
    }

    private boolean flag(String field, boolean current) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? current : value.asBoolean();
    }

    private Channel.Options options(Channel.Options current) {
        return new Channel.Options(id("fallbackGroupId", current.fallbackGroupId()),
                flag("shareTokenWithAgent", current.shareTokenWithAgent()),
                flag("requireSignature", current.requireSignature()));
    }
}
