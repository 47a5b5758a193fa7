package io.botchannel.chat2desk.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one channel of every sandbox company; it carries every transport Chat2Desk documents. */
final class SandboxChannel {

    static final long ID = 1;
    static final List<String> TRANSPORTS = List.of("widget", "telegram", "tg_user", "whatsapp", "wa_cm", "wa_infobip",
            "wa_dialog", "wa_clickatell", "wa_tr", "wa_wavy", "wa_botmaker", "viber", "viber_public", "viber_business",
            "viber_tr", "viber_infobip", "facebook", "vk", "vkontakte", "insta_direct", "insta_i2crm", "insta_local", "ok",
            "skype", "email", "sms", "sms_infobip", "wechat", "yandex_dialogs", "vox_implant", "external");

    private SandboxChannel() {
    }

    static String transport(String transport) {
        if (!TRANSPORTS.contains(transport)) {
            throw ApiRefusal.invalid("transport", "Unknown transport " + transport + "; the sandbox knows "
                    + String.join(", ", TRANSPORTS) + ".");
        }
        return transport;
    }

    static long id(long channelId) {
        if (channelId != ID) {
            throw ApiRefusal.invalid("channel_id", "Channel " + channelId + " not found");
        }
        return channelId;
    }

    /** {@code GET /channels}. */
    static JsonNode list() {
        ObjectNode channel = JsonNodeFactory.instance.objectNode();
        channel.put("id", ID);
        channel.put("name", "Sandbox channel");
        channel.put("phone", "sandbox");
        TRANSPORTS.forEach(channel.putArray("transports")::add);
        return JsonNodeFactory.instance.arrayNode().add(channel);
    }
}
