package io.botchannel.chat2desk.outbound;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Turns an Agent reply into the body of Chat2Desk's {@code POST /v1/messages}. */
public class OutboundMessages {

    private final ObjectMapper json = new ObjectMapper();

    /** A text reply, addressed to the chat's client on its last transport and channel. */
    public String text(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event,
                       @Body Map<String, Object> reply) throws JsonProcessingException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("client_id", event.clientId());
        message.put("text", String.valueOf(reply.getOrDefault("text", "")));
        message.put("type", "to_client");
        if (event.transport() != null) {
            message.put("transport", event.transport());
        }
        if (event.chat2deskChannelId() != null) {
            message.put("channel_id", event.chat2deskChannelId());
        }
        if (channel.operatorId() != null) {
            message.put("operator_id", channel.operatorId());
        }
        return json.writeValueAsString(message);
    }
}
