package io.botchannel.chat2desk.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.bounds.JsonLimits;

/**
 * The writable fields of a channel as a caller sent them, checked field by field. A field that is
 * absent is left as it was (on update) or takes its default (on create); {@code null} clears it.
 */
public final class ChannelInput {

    static final String DEFAULT_NAME = "New channel";
    private static final ObjectMapper JSON = JsonLimits.mapper();
    private static final int MAX_TEXT = 1000;
    /** The writable fields, in the order problems with them are reported. */
    private static final List<String> FIELDS = List.of("name", "apiUrl", "token", "operatorId", "serviceMessages",
            "agentUrl", "fallbackGroupId", "shareTokenWithAgent", "requireSignature");
    private static final Set<String> REQUIRED = Set.of("apiUrl", "token");
    /**
     * Shown in a channel's JSON and ignored when sent back, so that a channel read (or just created,
     * with its Agent key) can be written again.
     */
    private static final Set<String> READ_ONLY = Set.of("id", "active", "webhookUrl", "checks", "agentKey");

    private final ObjectNode fields;

    private ChannelInput(ObjectNode fields) {
        this.fields = fields;
    }

    /** The fields of an update: each one given is checked; all problems are reported at once (400). */
    public static ChannelInput parse(String body) {
        return read(body, false);
    }

    /** The fields of a new channel: as {@link #parse}, and {@code apiUrl} and {@code token} are required. */
    public static ChannelInput parseNew(String body) {
        return read(body, true);
    }

    private static ChannelInput read(String body, boolean creating) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("body: a JSON object with the channel's fields is required");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiError.badRequest("body: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object");
        }
        ChannelInput input = new ChannelInput((ObjectNode) node);
        List<String> problems = input.problems(creating);
        if (!problems.isEmpty()) {
            throw ApiError.badRequest(String.join("; ", problems));
        }
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

    /**
     * The channel with this input's fields applied over it. A change that would send the stored
     * token to an address it was not given for needs the token again (400 naming {@code token}).
     */
    public Channel applyTo(Channel c) {
        for (String field : new String[] {"apiUrl", "token"}) {
            if (fields.has(field) && fields.get(field).isNull()) {
                throw ApiError.badRequest(field + ": must not be null");
            }
        }
        Channel changed = new Channel(c.id(), c.key(), name().orElse(c.name()), text("apiUrl").orElse(c.apiUrl()),
                text("token").orElse(c.token()), operatorId(c.operatorId()), serviceMessages(c.serviceMessages()),
                fields.has("agentUrl") ? text("agentUrl").orElse(null) : c.agentUrl(),
                c.active(), c.webhookId(), c.checks(), c.createdAt(), java.time.Instant.now(), options(c.options()));
        TokenDestinations.requireTokenForNewAddresses(c, changed, fields.hasNonNull("token"));
        return changed;
    }

    /** What is wrong with the fields, one "field: reason" each, in the order of the channel's fields. */
    private List<String> problems(boolean creating) {
        List<String> problems = new ArrayList<>();
        for (String field : FIELDS) {
            JsonNode value = fields.get(field);
            if (REQUIRED.contains(field) && (value == null || value.isNull())) {
                if (creating) {
                    problems.add(field + ": is required");
                } else if (value != null) {
                    problems.add(field + ": must not be null");
                }
                continue;
            }
            if (value != null) {
                check(field, value).ifPresent(reason -> problems.add(field + ": " + reason));
            }
        }
        for (String field : (Iterable<String>) fields::fieldNames) {
            if (!FIELDS.contains(field) && !READ_ONLY.contains(field)) {
                problems.add(field + ": unknown field; the fields are " + String.join(", ", FIELDS));
            }
        }
        return problems;
    }

    private static Optional<String> check(String field, JsonNode value) {
        return switch (field) {
            case "name" -> checkText(value);
            case "token" -> checkText(value).or(() ->
                    // Sent as the Authorization header: only visible ASCII can travel there
                    value.isTextual() && !value.asText().trim().matches("[\\x21-\\x7e]+")
                            ? Optional.of("must be the token as Chat2Desk shows it (letters, digits and punctuation,"
                                    + " no spaces)")
                            : Optional.empty());
            case "apiUrl" -> checkUrl(value, "https://api.chat2desk.com/v1");
            case "agentUrl" -> checkUrl(value, "https://bot.example.com/agent (the Agent's base URL: the bundle"
                    + " calls {agentUrl}/status and {agentUrl}/messages)");
            case "operatorId" -> checkId("a Chat2Desk operator id", value);
            case "fallbackGroupId" -> checkId("a Chat2Desk operator group id", value);
            default -> value.isNull() || value.isBoolean() ? Optional.empty() : Optional.of("must be true or false");
        };
    }

    private static Optional<String> checkText(JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            return Optional.of("must be a non-empty string");
        }
        if (value.asText().length() > MAX_TEXT) {
            return Optional.of("must be at most " + MAX_TEXT + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> checkUrl(JsonNode value, String example) {
        Optional<String> text = checkText(value);
        if (text.isPresent() || value.isNull()) {
            return text;
        }
        try {
            URI uri = new URI(value.asText().trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                return Optional.of("must be an http(s) URL such as " + example);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL (" + e.getReason() + "); an example: " + example);
        }
    }

    private static Optional<String> checkId(String what, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        boolean number = value.canConvertToLong() && value.isIntegralNumber() && value.asLong() > 0;
        boolean numericText = value.isTextual() && value.asText().matches("[1-9][0-9]{0,17}");
        return number || numericText ? Optional.empty()
                : Optional.of("must be a positive integer (" + what + ") or null");
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
