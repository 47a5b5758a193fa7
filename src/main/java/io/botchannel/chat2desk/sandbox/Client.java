package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A customer of the company. Guarded by the lock of its {@link Conversations}. */
final class Client {

    final long id;
    final String phone;
    final String clientPhone;
    final String name;
    final long channelId;
    /** Transport and channel of the client's last message: the defaults of {@code POST /messages}. */
    String lastTransport;
    long lastChannelId;
    final Set<String> transports = new LinkedHashSet<>();
    Long dialogId;
    Instant firstClientMessage;
    Instant lastClientMessage;

    Client(long id, String phone, String clientPhone, String name, String transport, long channelId) {
        this.id = id;
        this.phone = phone;
        this.clientPhone = clientPhone;
        this.name = name;
        this.channelId = channelId;
        this.lastTransport = transport;
        this.lastChannelId = channelId;
        transports.add(transport);
    }

    /** The pseudo phone Chat2Desk shows for a transport: {@code [chat] <hash>} for the widget. */
    static String phoneFor(long id, String transport) {
        return switch (transport) {
            case "widget" -> "[chat] " + String.format("%016x", id * 0x9E3779B97F4A7C15L).substring(0, 12) + String.format("%08x", id);
            case "telegram", "tg_user" -> "[tg] " + (800000 + id);
            default -> String.format("7900%07d", id);
        };
    }

    /** Only messengers addressed by a phone number know the client's real phone. */
    static boolean hasRealPhone(String transport) {
        return !transport.equals("widget") && !transport.equals("telegram") && !transport.equals("tg_user");
    }

    /** The client object of {@code GET /clients/:id}. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("name", name);
        json.putNull("username");
        json.putNull("comment");
        json.putNull("assigned_name");
        json.put("phone", phone);
        json.put("client_phone", clientPhone);
        json.putNull("avatar");
        json.putNull("region_id");
        json.putNull("country_id");
        json.put("first_client_message", firstClientMessage == null ? null : Message.isoSeconds(firstClientMessage));
        json.put("last_client_message", lastClientMessage == null ? null : Message.isoSeconds(lastClientMessage));
        json.putNull("extra_comment_1");
        json.putNull("extra_comment_2");
        json.putNull("extra_comment_3");
        json.putObject("custom_fields");
        json.putNull("client_external_id");
        json.putNull("external_id");
        json.putObject("external_ids");
        ObjectNode channel = json.putArray("channels").addObject();
        channel.put("id", channelId);
        transports.forEach(channel.putArray("transports")::add);
        json.putArray("tags");
        return json;
    }

    /** The short client object inside webhook payloads. */
    ObjectNode toEventJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("phone", phone);
        json.put("client_phone", clientPhone);
        json.put("name", name);
        json.putNull("assigned_name");
        json.putNull("external_id");
        return json;
    }
}
