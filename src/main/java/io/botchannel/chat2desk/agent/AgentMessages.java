package io.botchannel.chat2desk.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.inbox.InboxEntry;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Agent API (docs/agent-api.md describes it): the request for a client message, and the replies it answers. */
public class AgentMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMessages.class);

    private final ObjectMapper json = JsonLimits.mapper();
    private final ReplyChecks checks;

    public AgentMessages(ReplyChecks checks) {
        this.checks = checks;
    }

    /**
     * The body of {@code POST {agentUrl}/messages} for a client's message.
     *
     * @param text the client's text, or the payload of the button the client chose
     */
    public String request(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event,
                          @ExchangeProperty("clientText") String text, @ExchangeProperty("entry") InboxEntry entry)
            throws JsonProcessingException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channelId", channel.id());
        request.put("channelType", "chat2desk");
        request.put("channelChatId", event.channelChatId());
        request.put("event", "message");
        request.put("messageId", String.valueOf(event.messageId()));
        request.put("text", text == null ? "" : text);
        request.put("attachments", event.attachments());
        request.put("context", context(channel, event));
        markRedelivery(request, entry);
        return json.writeValueAsString(request);
    }

    /**
     * The body of {@code POST {agentUrl}/messages} for a Chat2Desk service event (close_dialog,
     * dialog_transferred, new_request, ...): {@code event: service} with the event's own fields.
     */
    public String serviceRequest(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("event") WebhookEvent event,
                                 @ExchangeProperty("entry") InboxEntry entry) throws JsonProcessingException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("channelId", channel.id());
        request.put("channelType", "chat2desk");
        if (event.clientId() != null) {
            request.put("channelChatId", event.channelChatId());
        }
        request.put("event", "service");
        if (event.messageId() != null) {
            request.put("messageId", String.valueOf(event.messageId()));
        }
        request.put("text", "");
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("hookType", event.hookType());
        JsonNode fields = json.readTree(event.body());
        fields.fields().forEachRemaining(field -> {
            if (!"hook_type".equals(field.getKey())) {
                service.put(field.getKey(), field.getValue());
            }
        });
        request.put("service", service);
        request.put("context", context(channel, event));
        markRedelivery(request, entry);
        return json.writeValueAsString(request);
    }

    /**
     * The replies of an Agent answer {@code {"replies": [...]}}. An answer that is not of that shape
     * is logged and yields no reply, rather than failing the chat. A reply that cannot be sent fails
     * the answer (before any of it goes out), saying which reply and field, and so does JSON beyond
     * {@link JsonLimits}.
     */
    public List<Map<String, Object>> replies(String answer, @ExchangeProperty("event") WebhookEvent event) {
        List<Map<String, Object>> replies = new ArrayList<>();
        try {
            JsonNode node = json.readTree(answer == null || answer.isBlank() ? "{}" : answer);
            List<String> problems = checks.problems(node.path("replies"));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the Agent's answer cannot be sent: " + String.join("; ", problems));
            }
            for (JsonNode reply : node.path("replies")) {
                replies.add(json.convertValue(reply, Map.class));
            }
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("the Agent's answer cannot be read: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            LOG.warn("Agent answer to {} is not JSON; no reply sent", event == null ? "a message" : event);
        }
        return replies;
    }

    /** An Agent call that may have reached the Agent before (a crash or a failure cut it short) says so. */
    private static void markRedelivery(Map<String, Object> request, InboxEntry entry) {
        if (entry != null && entry.redelivery()) {
            request.put("redelivery", true);
        }
    }

    private static Map<String, Object> context(Channel channel, WebhookEvent event) {
        Map<String, Object> context = new LinkedHashMap<>();
        putIfPresent(context, "channel_visitor_id", event.clientId());
        putIfPresent(context, "channel_conversation_id", event.dialogId());
        putIfPresent(context, "channel_message_id", event.messageId());
        putIfPresent(context, "channel_message_recipient", channel.operatorId());
        putIfPresent(context, "channel_visitor_firstname", event.visitor().name());
        putIfPresent(context, "channel_visitor_phone", event.visitor().phone());
        context.put("channel_webhook_url", channel.apiUrl());
        if (channel.options().shareTokenWithAgent()) {
            // only for channels that opted in: with it the Agent can call Chat2Desk itself, e.g. to transfer
            context.put("channel_webhook_token", channel.token());
        }
        putIfPresent(context, "transport", event.transport());
        return context;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, String.valueOf(value));
        }
    }
}
