package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One message of a dialog, in either direction, with everything the API was given (buttons,
 * attachments, operator), so that tests can see exactly what the bundle sent. Immutable once stored.
 */
final class Message {

    static final String FROM_CLIENT = "from_client";
    static final String TO_CLIENT = "to_client";
    static final String SYSTEM = "system";

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    long id;
    String type;
    String text;
    String transport;
    long clientId;
    Long operatorId;
    long dialogId;
    long channelId;
    long requestId;
    Instant created;
    String photo;
    String audio;
    String video;
    String pdf;
    final ArrayNode attachments = JsonNodeFactory.instance.arrayNode();
    // Outbound extras, kept as sent
    JsonNode keyboard;
    JsonNode inlineButtons;
    JsonNode interactive;
    String attachment;
    String attachmentFilename;
    String externalId;
    Long replyMessageId;

    /** A file of the message; Chat2Desk names it after the end of its URL when no name is given. */
    void attach(String name, String link) {
        String path = link.replaceFirst("[?#].*$", "");
        ObjectNode file = attachments.addObject();
        file.put("name", name != null ? name : path.substring(path.lastIndexOf('/') + 1));
        file.put("link", link);
    }

    static String isoSeconds(Instant time) {
        return SECONDS.format(time);
    }

    /** Webhook {@code event_time}: ISO-8601 UTC with microseconds, as Chat2Desk sends it. */
    static String isoMicros(Instant time) {
        return MICROS.format(time);
    }

    /** The message object of {@code GET /messages} plus what the API was sent. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("text", text);
        json.putNull("coordinates");
        json.put("transport", transport);
        json.put("type", type);
        json.put("read", FROM_CLIENT.equals(type) ? 0 : 1);
        json.put("created", isoSeconds(created));
        json.put("pdf", pdf);
        json.putNull("remote_id");
        json.putNull("recipient_status");
        json.putNull("ai_tips");
        json.set("attachments", attachments.deepCopy());
        json.put("photo", photo);
        json.put("video", video);
        json.put("audio", audio);
        json.put("operator_id", operatorId);
        json.put("channel_id", channelId);
        json.put("dialog_id", dialogId);
        json.put("client_id", clientId);
        json.put("request_id", requestId);
        json.putObject("extra_data");
        json.putNull("status");
        json.put("is_new", true);
        json.set("keyboard", keyboard);
        json.set("inline_buttons", inlineButtons);
        json.set("interactive", interactive);
        json.put("attachment", attachment);
        json.put("attachment_filename", attachmentFilename);
        json.put("external_id", externalId);
        json.put("reply_message_id", replyMessageId);
        return json;
    }

    /** The {@code data} of a successful {@code POST /messages}: the eight fields clients read. */
    ObjectNode toSendResult() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("message_id", id);
        json.put("channel_id", channelId);
        json.put("operator_id", operatorId);
        json.put("transport", transport);
        json.put("type", type);
        json.put("client_id", clientId);
        json.put("dialog_id", dialogId);
        json.put("request_id", requestId);
        return json;
    }

    /** The flat {@code inbox}/{@code outbox} payload, fields in the order of Chat2Desk's documented example. */
    ObjectNode toEvent(String hookType, Client client, boolean newRequest, boolean newClient, Instant eventTime) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("message_id", id);
        json.put("type", type);
        json.put("text", text);
        json.put("transport", transport);
        json.put("client_id", clientId);
        json.put("operator_id", operatorId);
        json.put("dialog_id", dialogId);
        json.put("channel_id", channelId);
        json.put("photo", photo);
        json.putNull("coordinates");
        json.put("audio", audio);
        json.put("pdf", pdf);
        json.put("video", video);
        json.set("client", client.toEventJson());
        json.put("hook_type", hookType);
        json.put("request_id", requestId);
        json.set("attachments", attachments.deepCopy());
        json.put("is_new_request", newRequest);
        json.put("is_new_client", newClient);
        json.put("insta_comment", false);
        json.putObject("extra_data");
        json.put("is_new", true);
        json.put("event_time", isoMicros(eventTime));
        return json;
    }
}
