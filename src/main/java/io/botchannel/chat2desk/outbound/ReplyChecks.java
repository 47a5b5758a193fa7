package io.botchannel.chat2desk.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes an Agent reply sendable, checked before it is accepted: the Agent writing first gets
 * a 400, an Agent answer becomes a dead letter, each naming the reply and field ({@code replies[1].url}).
 */
public final class ReplyChecks {

    private static final List<String> TYPES = List.of("text", "file", "transfer", "changeChatMode");
    private static final Set<String> KINDS = Set.of("image", "audio", "video", "file");
    private static final Set<String> DELIVERIES = Set.of("file", "link");

    /** The reply types the bundle sends: its own, and those the routes were given ({@code replies.extra-types}). */
    private final List<String> types;

    /** @param extraTypes reply types of the user's own, sent by their own steps in chat2desk-outbound.camel.yaml */
    public ReplyChecks(Collection<String> extraTypes) {
        List<String> all = new ArrayList<>(TYPES);
        extraTypes.stream().map(String::trim).filter(type -> !type.isEmpty() && !all.contains(type)).forEach(all::add);
        this.types = List.copyOf(all);
    }

    /** Every problem of the replies, one "replies[i].field: reason" each; empty when all can be sent. */
    public List<String> problems(JsonNode replies) {
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode reply : replies) {
            String at = "replies[" + i++ + "]";
            if (!reply.isObject()) {
                problems.add(at + ": must be an object with a type");
                continue;
            }
            String type = reply.path("type").isTextual() ? reply.path("type").asText() : null;
            if (!types.contains(type)) {
                problems.add(at + ".type: must be one of " + String.join(", ", types) + ", not " + reply.path("type"));
                continue;
            }
            switch (type) {
                case "text" -> text(reply, at, problems);
                case "file" -> file(reply, at, problems);
                case "transfer" -> transfer(reply, at, problems);
                default -> {
                    // changeChatMode carries nothing; a type of the user's own is the user's to check
                }
            }
        }
        return problems;
    }

    private static void text(JsonNode reply, String at, List<String> problems) {
        if (!reply.path("text").isTextual() || reply.path("text").asText().isBlank()) {
            problems.add(at + ".text: a text reply needs a non-empty text");
        }
        JsonNode buttons = reply.get("buttons");
        if (buttons == null || buttons.isNull()) {
            return;
        }
        if (!buttons.isArray()) {
            problems.add(at + ".buttons: must be an array of {\"text\", \"payload\"} or {\"text\", \"url\"}");
            return;
        }
        int b = 0;
        for (JsonNode button : buttons) {
            String where = at + ".buttons[" + b++ + "]";
            if (!button.isObject()) {
                problems.add(where + ": must be an object {\"text\", \"payload\"} or {\"text\", \"url\"}");
            } else if (!button.path("text").isTextual() || button.path("text").asText().isBlank()) {
                problems.add(where + ".text: a button needs a label");
            } else if (button.hasNonNull("url") && !isHttpUrl(button.get("url"))) {
                problems.add(where + ".url: must be an http(s) URL");
            }
        }
    }

    private static void file(JsonNode reply, String at, List<String> problems) {
        if (!isHttpUrl(reply.get("url"))) {
            problems.add(at + ".url: a file reply needs the file's http(s) URL");
        }
        oneOf(reply, "kind", KINDS, at, problems);
        oneOf(reply, "delivery", DELIVERIES, at, problems);
    }

    private static void transfer(JsonNode reply, String at, List<String> problems) {
        boolean operator = reply.hasNonNull("operatorId");
        boolean group = reply.hasNonNull("groupId");
        if (operator == group) {
            problems.add(at + ": a transfer names exactly one of operatorId or groupId");
            return;
        }
        String field = operator ? "operatorId" : "groupId";
        JsonNode id = reply.get(field);
        boolean valid = (id.isIntegralNumber() && id.canConvertToLong() && id.asLong() > 0)
                || (id.isTextual() && id.asText().trim().matches("[1-9][0-9]{0,17}"));
        if (!valid) {
            problems.add(at + "." + field + ": must be a positive Chat2Desk id, not " + id);
        }
    }

    private static void oneOf(JsonNode reply, String field, Set<String> values, String at, List<String> problems) {
        JsonNode value = reply.get(field);
        if (value != null && !value.isNull() && !(value.isTextual() && values.contains(value.asText()))) {
            problems.add(at + "." + field + ": must be one of " + String.join(", ", values.stream().sorted().toList())
                    + ", not " + value);
        }
    }

    private static boolean isHttpUrl(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        try {
            URI uri = new URI(value.asText().trim());
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
