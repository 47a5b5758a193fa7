package io.botchannel.chat2desk;

import com.fasterxml.jackson.databind.JsonNode;

/** Webhooks as Chat2Desk delivers them, for tests that play Chat2Desk themselves. */
final class Webhooks {

    private Webhooks() {
    }

    /** The path of a channel's webhook URL, to POST to the bundle under test. */
    static String path(JsonNode channel) {
        String url = channel.path("webhookUrl").asText();
        return url.substring(url.indexOf("/webhooks/"));
    }

    /** A client's message, unassigned, on the web widget. */
    static String inbox(long clientId, long messageId, String text) {
        return "{\"message_id\":" + messageId + ",\"type\":\"from_client\",\"text\":\"" + text + "\","
                + "\"transport\":\"widget\",\"client_id\":" + clientId + ",\"operator_id\":null,\"dialog_id\":null,"
                + "\"channel_id\":1,\"hook_type\":\"inbox\"}";
    }
}
