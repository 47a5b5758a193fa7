package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A registered webhook. Guarded by the lock of its {@link Webhooks}. */
final class Webhook {

    static final String ENABLE = "enable";
    static final String DISABLE = "disable";
    /** Enough recent failures to diagnose a receiver; older ones are dropped. */
    private static final int KEPT_ERRORS = 50;

    final long id;
    String name;
    String url;
    List<String> events;
    List<Long> channels;
    Integer order;
    String status = ENABLE;
    final Deque<ObjectNode> errors = new ArrayDeque<>();
    /** Start of the current run of failed deliveries; null after a success. */
    Instant failingSince;

    Webhook(long id) {
        this.id = id;
    }

    boolean isEnabled() {
        return ENABLE.equals(status);
    }

    /** Whether an event goes to this webhook; an empty channel filter means every channel. */
    boolean wants(String hookType, Long channelId) {
        return isEnabled() && events.contains(hookType)
                && (channels.isEmpty() || channelId == null || channels.contains(channelId));
    }

    void recordError(String text, Instant at) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("text", text);
        error.put("created_at", at.getEpochSecond());
        errors.addLast(error);
        while (errors.size() > KEPT_ERRORS) {
            errors.removeFirst();
        }
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("name", name);
        json.put("url", url);
        events.forEach(json.putArray("events")::add);
        json.put("status", status);
        errors.forEach(json.putArray("errors")::add);
        json.put("source", "api");
        channels.forEach(json.putArray("channels")::add);
        json.put("order", order);
        return json;
    }
}
