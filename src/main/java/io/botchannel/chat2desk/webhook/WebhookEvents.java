package io.botchannel.chat2desk.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.bounds.JsonLimits;

/**
 * Reads Chat2Desk webhook bodies. Chat2Desk is loose with types (ids as numbers, numeric strings,
 * empty strings or null; booleans as 1 or ""), so each field is read leniently where the meaning
 * is clear and refused with a 400 naming the field where it is not.
 */
public class WebhookEvents {

    /** Inbound media fields of a message and the attachment kind each one is. */
    private static final String[][] MEDIA = {{"photo", "image"}, {"video", "video"}, {"audio", "audio"}, {"pdf", "file"}};

    /** Longest event name and transport accepted: Chat2Desk's are a few words, and they are stored. */
    private static final int MAX_NAME = 64;

    // A second value after the event is no part of it: the body is malformed
    private final ObjectMapper json = JsonLimits.mapperBuilder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /**
     * Reads the event from the bytes Chat2Desk delivered. JSON is UTF-8 (RFC 8259): bytes that are
     * not are refused, since decoding them would silently replace what the client wrote. The event
     * must be one Chat2Desk sends ({@link WebhookEvent#HOOK_TYPES}).
     */
    public WebhookEvent read(byte[] body) {
        String text;
        try {
            text = body == null ? null : StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("body: not valid UTF-8");
        }
        return parse(text, true);
    }

    /** Reads an event as the inbox keeps it: one read from Chat2Desk before, or one of the bundle's own. */
    public WebhookEvent parse(String body) {
        return parse(body, false);
    }

    private WebhookEvent parse(String body, boolean fromChat2Desk) {
        JsonNode node = readObject(body);
        String hookType = name(node, "hook_type");
        if (hookType == null || hookType.isEmpty()) {
            throw ApiError.badRequest("hook_type: is required");
        }
        if (fromChat2Desk && !WebhookEvent.HOOK_TYPES.contains(hookType)) {
            // not echoed: it is the caller's text, and a name that is none of these is no event of Chat2Desk's
            throw ApiError.badRequest("hook_type: not an event Chat2Desk sends");
        }
        Long messageId = id(node, "message_id");
        Long clientId = id(node, "client_id");
        if (WebhookEvent.INBOX.equals(hookType)) {
            if (messageId == null) {
                throw ApiError.badRequest("message_id: is required for inbox events");
            }
            if (clientId == null) {
                throw ApiError.badRequest("client_id: is required for inbox events");
            }
        }
        return new WebhookEvent(hookType, text(node, "type"), messageId, clientId, id(node, "dialog_id"),
                id(node, "operator_id"), id(node, "channel_id"), id(node, "request_id"), name(node, "transport"),
                text(node, "text"), attachments(node), visitor(node.path("client")), body);
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("body: a JSON object is required");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("body: must be a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiError.badRequest("body: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static List<WebhookEvent.Attachment> attachments(JsonNode node) {
        List<WebhookEvent.Attachment> attachments = new ArrayList<>();
        for (String[] media : MEDIA) {
            String url = text(node, media[0]);
            if (url != null && !url.isBlank()) {
                attachments.add(new WebhookEvent.Attachment(url, media[1], nameOf(url)));
            }
        }
        JsonNode listed = node.path("attachments");
        if (listed.isArray()) {
            for (JsonNode item : listed) {
                String link = item.isObject() ? text(item, "link") : null;
                if (link != null && !link.isBlank()) {
                    String name = text(item, "name");
                    attachments.add(new WebhookEvent.Attachment(link, kindOf(name == null ? link : name),
                            name == null ? nameOf(link) : name));
                }
            }
        }
        return attachments;
    }

    private static WebhookEvent.Visitor visitor(JsonNode client) {
        if (!client.isObject()) {
            return new WebhookEvent.Visitor(null, null);
        }
        String name = firstOf(text(client, "assigned_name"), text(client, "name"));
        String phone = firstOf(text(client, "client_phone"), text(client, "phone"));
        // Non-phone transports carry a pseudo number such as "[chat] 1d0b..." or "[tg] 8078": not a phone
        if (phone != null && phone.startsWith("[")) {
            phone = null;
        }
        return new WebhookEvent.Visitor(name, phone);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw ApiError.badRequest(field + ": must be a string");
    }

    private static String name(JsonNode node, String field) {
        String name = text(node, field);
        if (name != null && name.length() > MAX_NAME) {
            throw ApiError.badRequest(field + ": at most " + MAX_NAME + " characters");
        }
        return name;
    }

    /** An id: a positive number or numeric string; null, missing, "" or 0 mean none. */
    private static Long id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            return value.asLong() == 0 ? null : value.asLong();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
            if (text.matches("[0-9]{1,18}")) {
                long id = Long.parseLong(text);
                return id == 0 ? null : id;
            }
        }
        throw ApiError.badRequest(field + ": must be a numeric id or null");
    }

    private static String kindOf(String name) {
        String lower = name.toLowerCase();
        if (lower.matches(".*\\.(jpe?g|png|gif|webp|bmp)(\\?.*)?$")) {
            return "image";
        }
        if (lower.matches(".*\\.(mp3|ogg|oga|wav|m4a|opus)(\\?.*)?$")) {
            return "audio";
        }
        if (lower.matches(".*\\.(mp4|mov|webm|avi)(\\?.*)?$")) {
            return "video";
        }
        return "file";
    }

    private static String nameOf(String url) {
        String path = url.replaceAll("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
