package io.botchannel.chat2desk.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.botchannel.chat2desk.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The bundle's business counters, per channel, as the routes count them. In Prometheus they read
 * {@code chat2desk_messages_received_total{channel="..."}} and so on; Camel's own per-route series
 * sit beside them. Labels are the channel id and short fixed words (a reason, an outcome, a call),
 * never a message text: every distinct label value is a series of its own.
 */
public class MessageCounters {

    private final Supplier<MeterRegistry> registry;

    public MessageCounters(MeterRegistry registry) {
        this(() -> registry);
    }

    /** @param registry the runtime's registry, looked up at the first count (see {@link RuntimeMeters}) */
    public MessageCounters(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** A client message or service event was taken in for processing. */
    public void received(@ExchangeProperty("channel") Channel channel) {
        count("chat2desk.messages.received", "messages taken in for processing", channel);
    }

    /** An event was acknowledged and left alone, e.g. {@code left-to-operator} or {@code own-echo}. */
    public void dropped(@ExchangeProperty("channel") Channel channel, String reason) {
        count("chat2desk.messages.dropped", "messages acknowledged and not passed to the Agent", channel,
                "reason", reason);
    }

    /**
     * Chat2Desk reported a message sent to the client: the bundle's own replies, an operator's or an
     * autoreply. Expected, so not counted as dropped; it shows what went out as Chat2Desk saw it.
     */
    public void outbox(@ExchangeProperty("channel") Channel channel) {
        count("chat2desk.outbox.events", "messages to clients reported back by Chat2Desk (outbox), acknowledged", channel);
    }

    /** An Agent call ended: {@code answered}, or {@code failed} (error answer, timeout, unreachable). */
    public void agentCall(@ExchangeProperty("channel") Channel channel, String outcome) {
        count("chat2desk.agent.calls", "Agent calls by outcome", channel, "outcome", outcome);
    }

    /** A reply went out through Chat2Desk. */
    public void sent(@ExchangeProperty("channel") Channel channel) {
        count("chat2desk.messages.sent", "replies sent through Chat2Desk", channel);
    }

    /** A failed call will be tried again: {@code agent} or {@code chat2desk}. */
    public void retry(@ExchangeProperty("channel") Channel channel, String call) {
        count("chat2desk.retries", "failed calls scheduled to be tried again", channel, "call", call);
    }

    /** A message was given up and kept as a dead letter: {@code agent} or {@code chat2desk} failed for good. */
    public void deadLetter(@ExchangeProperty("channel") Channel channel, String call) {
        count("chat2desk.dead.letters", "messages given up and kept as dead letters", channel, "call", call);
    }

    /**
     * One channel's counters since this instance started, as the console shows them: each total,
     * and where a counter has a label, the count per label value.
     */
    public Map<String, Object> of(@Header("id") String channelId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("received", total("chat2desk.messages.received", channelId));
        view.put("sent", total("chat2desk.messages.sent", channelId));
        view.put("dropped", byLabel("chat2desk.messages.dropped", "reason", channelId));
        view.put("agentCalls", byLabel("chat2desk.agent.calls", "outcome", channelId));
        view.put("retries", byLabel("chat2desk.retries", "call", channelId));
        view.put("deadLetters", byLabel("chat2desk.dead.letters", "call", channelId));
        return view;
    }

    private long total(String name, String channelId) {
        return Math.round(registry.get().find(name).tag("channel", channelId).counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    private Map<String, Long> byLabel(String name, String label, String channelId) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.get().find(name).tag("channel", channelId).counters()) {
            counts.merge(counter.getId().getTag(label), Math.round(counter.count()), Long::sum);
        }
        return counts;
    }

    private void count(String name, String description, Channel channel, String... tags) {
        Counter.builder(name)
                .description(description)
                .tag("channel", channel == null || channel.id() == null ? "none" : channel.id())
                .tags(labels(tags))
                .register(registry.get())
                .increment();
    }

    /** Label values as short fixed words: whatever a caller passes cannot grow into free text. */
    private static String[] labels(String... tags) {
        String[] labels = tags.clone();
        for (int i = 1; i < labels.length; i += 2) {
            String value = labels[i] == null ? "" : labels[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
            labels[i] = value.isEmpty() ? "unknown" : value.substring(0, Math.min(value.length(), 40));
        }
        return labels;
    }
}
