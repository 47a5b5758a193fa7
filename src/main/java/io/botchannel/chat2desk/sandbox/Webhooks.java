package io.botchannel.chat2desk.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botchannel.chat2desk.webhook.WebhookEvent;

/**
 * A company's webhooks: their registration, the events published to them
 * and the log of every delivery attempt. Events are handed to {@link WebhookDelivery} in the order
 * they are published, through one queue per company.
 */
final class Webhooks {

    /** Chat2Desk allows at most five webhooks per company. */
    static final int LIMIT = 5;
    /**
     * The webhook events Chat2Desk documents, as a registration names them: the hook types of its
     * deliveries, but for operator_status_changed, whose deliveries say operator_status_updated.
     */
    static final Set<String> EVENTS = Stream.concat(
            WebhookEvent.HOOK_TYPES.stream().filter(type -> !type.equals("operator_status_updated")),
            Stream.of("operator_status_changed")).collect(Collectors.toUnmodifiableSet());
    /** Enough of the delivery log for a test run or a demo session. */
    private static final int KEPT_DELIVERIES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String signingKey;
    private final IdSequences ids;
    private final WebhookDelivery delivery;
    private final Map<Long, Webhook> hooks = new LinkedHashMap<>();
    private final Deque<ObjectNode> deliveries = new ArrayDeque<>();
    /** The first attempts of this company's events, chained so that they go out in order. */
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);
    private boolean closed;

    Webhooks(String token, IdSequences ids, WebhookDelivery delivery) {
        this.signingKey = WebhookDelivery.md5Hex(token);
        this.ids = ids;
        this.delivery = delivery;
    }

    String signingKey() {
        return signingKey;
    }

    synchronized ArrayNode list() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        hooks.values().forEach(hook -> list.add(hook.toJson()));
        return list;
    }

    synchronized ObjectNode create(RequestFields fields) {
        String name = fields.requiredText("name");
        String url = requiredUrl(fields);
        List<String> events = events(fields);
        if (hooks.size() >= LIMIT) {
            throw ApiRefusal.invalid("webhooks", "A company can have at most " + LIMIT
                    + " webhooks; delete one before adding another.");
        }
        refuseUsedUrl(url, null);
        Webhook hook = new Webhook(ids.webhooks.incrementAndGet());
        hook.name = name;
        hook.url = url;
        hook.events = events;
        hook.channels = channels(fields);
        Long order = fields.number("order");
        hook.order = order == null ? null : order.intValue();
        hook.status = status(fields, Webhook.ENABLE);
        hooks.put(hook.id, hook);
        return hook.toJson();
    }

    /** {@code PUT /webhooks/:id}: the fields given replace the registered ones. */
    synchronized ObjectNode update(long id, RequestFields fields) {
        Webhook hook = find(id);
        if (fields.has("url")) {
            String url = requiredUrl(fields);
            refuseUsedUrl(url, hook);
            hook.url = url;
        }
        if (fields.has("name")) {
            hook.name = fields.requiredText("name");
        }
        if (fields.has("events")) {
            hook.events = events(fields);
        }
        if (fields.has("channels")) {
            hook.channels = channels(fields);
        }
        if (fields.has("order")) {
            Long order = fields.number("order");
            hook.order = order == null ? null : order.intValue();
        }
        hook.status = status(fields, hook.status);
        if (hook.isEnabled()) {
            hook.failingSince = null; // re-enabled: the 5-hour window starts again
        }
        return hook.toJson();
    }

    synchronized void delete(long id) {
        hooks.remove(find(id).id);
    }

    /**
     * Sends an event to every enabled webhook subscribed to it. Called under the lock of the
     * state that produced the event, so the queue order is the order in which things happened.
     *
     * @return how many webhooks the event goes to
     */
    synchronized int publish(ObjectNode event) {
        String hookType = event.path("hook_type").asText();
        // The one event whose payload name differs from its subscription name
        String subscription = hookType.equals("operator_status_updated") ? "operator_status_changed" : hookType;
        JsonNode channel = event.get("channel_id");
        Long channelId = channel != null && channel.canConvertToLong() ? channel.asLong() : null;
        List<Webhook> targets = new ArrayList<>();
        for (Webhook hook : hooks.values()) {
            if (hook.wants(subscription, channelId)) {
                targets.add(hook);
            }
        }
        if (!targets.isEmpty() && !closed) {
            queue = delivery.enqueue(queue, this, targets, hookType, event.toString());
        }
        return targets.size();
    }

    /** The URL to deliver to now, or null when the webhook was deleted or disabled since. */
    synchronized String deliverableUrl(Webhook hook) {
        return !closed && hooks.get(hook.id) == hook && hook.isEnabled() ? hook.url : null;
    }

    synchronized void recordAttempt(Webhook hook, String url, String hookType, int attempt, Integer status,
            String error, String body) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("event", hookType);
        entry.put("webhookId", hook.id);
        entry.put("url", url);
        entry.put("attempt", attempt);
        entry.put("status", status);
        entry.put("error", error);
        entry.put("time", Message.isoMicros(Instant.now()));
        entry.set("payload", payload(body));
        deliveries.addLast(entry);
        while (deliveries.size() > KEPT_DELIVERIES) {
            deliveries.removeFirst();
        }
    }

    synchronized void succeeded(Webhook hook) {
        hook.failingSince = null;
    }

    /**
     * Records a failed delivery in the webhook's {@code errors}.
     *
     * @return the start of a new run of failures (the caller schedules the disabling check), or null
     */
    synchronized Instant failed(Webhook hook, String text) {
        Instant now = Instant.now();
        hook.recordError(text, now);
        if (hook.failingSince != null) {
            return null;
        }
        hook.failingSince = now;
        return now;
    }

    /** Chat2Desk disables a webhook after 5 hours with no successful delivery. */
    synchronized boolean disableIfStillFailing(Webhook hook, Instant since) {
        if (hooks.get(hook.id) != hook || !hook.isEnabled() || !since.equals(hook.failingSince)) {
            return false;
        }
        hook.status = Webhook.DISABLE;
        hook.recordError("Webhook disabled: no successful delivery since " + Message.isoSeconds(since), Instant.now());
        return true;
    }

    synchronized ArrayNode deliveries() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        deliveries.forEach(entry -> list.add(entry.deepCopy()));
        return list;
    }

    /** The deliveries of events about one client (its messages, its dialog's changes). */
    synchronized ArrayNode deliveries(long clientId) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        deliveries.stream().filter(entry -> clientId == clientOf(entry.path("payload")))
                .forEach(entry -> list.add(entry.deepCopy()));
        return list;
    }

    private static long clientOf(JsonNode event) {
        JsonNode id = event.has("client_id") ? event.get("client_id") : event.path("client").path("id");
        return id.canConvertToLong() ? id.asLong() : -1;
    }

    /** Stops all pending and future deliveries (the company was reset away). */
    synchronized void close() {
        closed = true;
    }

    private static JsonNode payload(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sandbox only publishes JSON", e);
        }
    }

    private Webhook find(long id) {
        Webhook hook = hooks.get(id);
        if (hook == null) {
            throw ApiRefusal.notFound("Webhook " + id + " not found");
        }
        return hook;
    }

    private void refuseUsedUrl(String url, Webhook self) {
        for (Webhook other : hooks.values()) {
            if (other != self && other.url.equals(url)) {
                throw ApiRefusal.invalid("url", "The url " + url + " is already used by webhook " + other.id + ".");
            }
        }
    }

    private String requiredUrl(RequestFields fields) {
        String url = fields.requiredText("url");
        String refusal = delivery.targets().refusal(url);
        if (refusal != null) {
            throw ApiRefusal.invalid("url", refusal);
        }
        return url;
    }

    private static List<String> events(RequestFields fields) {
        JsonNode node = fields.node("events");
        if (node == null) {
            throw ApiRefusal.invalid("events", "The events field is required.");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiRefusal.invalid("events", "The events must be a non-empty array of event names.");
        }
        List<String> events = new ArrayList<>();
        for (JsonNode event : node) {
            if (!event.isTextual() || !EVENTS.contains(event.asText())) {
                throw ApiRefusal.invalid("events", "Unknown event " + event + ".");
            }
            if (!events.contains(event.asText())) {
                events.add(event.asText());
            }
        }
        return events;
    }

    private static List<Long> channels(RequestFields fields) {
        JsonNode node = fields.node("channels");
        List<Long> channels = new ArrayList<>();
        if (node == null) {
            return channels;
        }
        if (!node.isArray()) {
            throw ApiRefusal.invalid("channels", "The channels must be an array of channel ids.");
        }
        for (JsonNode channel : node) {
            if (!channel.isIntegralNumber()) {
                throw ApiRefusal.invalid("channels", "The channels must be an array of channel ids.");
            }
            channels.add(channel.asLong());
        }
        return channels;
    }

    private static String status(RequestFields fields, String fallback) {
        String status = fields.text("status");
        if (status == null) {
            return fallback;
        }
        if (!status.equals(Webhook.ENABLE) && !status.equals(Webhook.DISABLE)) {
            throw ApiRefusal.invalid("status", "The status must be enable or disable.");
        }
        return status;
    }
}
