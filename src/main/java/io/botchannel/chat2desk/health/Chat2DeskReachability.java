package io.botchannel.chat2desk.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether each active channel reaches its Chat2Desk ({@code GET companies/api_info} accepts the
 * token), reported in readiness per channel and as the gauge {@code chat2desk_api_reachable{channel}}.
 * It never makes the bundle unready: a channel whose Chat2Desk is down still has its webhooks taken
 * and stored, and its replies wait and go out once Chat2Desk is back; taking the bundle out of
 * service would stop every other channel too.
 * <p>
 * Health requests only read the last results and have them refreshed in the background: a
 * channel is probed when it is new or changed, else once its last probe is older than the
 * interval, each call bounded by the check timeout. So {@code /ready} stays fast, and api_info
 * (which counts against the Chat2Desk API quota) is asked rarely.
 */
public class Chat2DeskReachability extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(Chat2DeskReachability.class);

    /** The last probe of one channel, as it was configured then. */
    record Probe(boolean reached, String problem, Instant at, Instant channelUpdatedAt) {

        String describe() {
            return (reached ? "reachable" : "not reached: " + problem) + " (probed " + at + ")";
        }
    }

    private final ChannelStore channels;
    private final Chat2DeskApi chat2desk;
    private final Duration interval;
    private final Supplier<MeterRegistry> meters;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reachable = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile boolean refreshed;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat2desk-health");
        thread.setDaemon(true);
        return thread;
    });

    public Chat2DeskReachability(ChannelStore channels, Chat2DeskApi chat2desk, Duration interval, MeterRegistry meters) {
        this(channels, chat2desk, interval, () -> meters);
    }

    /** @param meters the runtime's registry, looked up when the first gauge is set */
    public Chat2DeskReachability(ChannelStore channels, Chat2DeskApi chat2desk, Duration interval,
            Supplier<MeterRegistry> meters) {
        super("chat2desk", "chat2desk");
        this.channels = channels;
        this.chat2desk = chat2desk;
        this.interval = interval;
        this.meters = meters;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        refreshInBackground();
        Map<String, Probe> last = new TreeMap<>(probes);
        last.forEach((channelId, probe) -> builder.detail("channel." + channelId, HealthMessages.plain(probe.describe())));
        Map<String, Probe> unreached = last.entrySet().stream().filter(e -> !e.getValue().reached())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        String message;
        if (last.isEmpty()) {
            message = refreshed ? "no active channel" : "no probe of Chat2Desk yet";
        } else if (unreached.isEmpty()) {
            message = "every active channel reaches Chat2Desk (" + last.size() + ")";
        } else {
            message = unreached.size() + " of " + last.size() + " active channels do not reach Chat2Desk: "
                    + unreached.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().problem())
                    .collect(Collectors.joining("; "));
        }
        builder.up().message(HealthMessages.plain(message));
    }

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            prober.execute(this::refresh);
        }
    }

    /** Probes the active channels that are new, changed or due; a channel deactivated meanwhile is forgotten. */
    void refresh() {
        try {
            List<Channel> active = channels.list().stream().filter(Channel::active).toList();
            for (Channel channel : active) {
                Probe last = probes.get(channel.id());
                if (last == null || !Objects.equals(last.channelUpdatedAt(), channel.updatedAt())
                        || Duration.between(last.at(), Instant.now()).compareTo(interval) >= 0) {
                    Probe probe = probe(channel);
                    probes.put(channel.id(), probe);
                    reachable.computeIfAbsent(channel.id(), this::gauge).set(probe.reached() ? 1 : 0);
                }
            }
            Set<String> ids = active.stream().map(Channel::id).collect(Collectors.toSet());
            probes.keySet().retainAll(ids);
            reachable.keySet().stream().filter(id -> !ids.contains(id)).toList().forEach(this::forget);
        } catch (RuntimeException e) {
            // The store's own check reports a store that cannot be read; the last results stand meanwhile
            LOG.debug("Chat2Desk reachability not refreshed: {}", e.getMessage());
        } finally {
            refreshed = true;
            refreshing.set(false);
        }
    }

    private Probe probe(Channel channel) {
        try {
            chat2desk.apiInfo(channel.apiUrl(), channel.token());
            return new Probe(true, null, Instant.now(), channel.updatedAt());
        } catch (RuntimeException e) {
            return new Probe(false, e.getMessage(), Instant.now(), channel.updatedAt());
        }
    }

    private AtomicInteger gauge(String channelId) {
        AtomicInteger state = new AtomicInteger();
        Gauge.builder("chat2desk.api.reachable", state, AtomicInteger::get)
                .description("1 while the channel's Chat2Desk accepts its token, 0 while it does not")
                .tag("channel", channelId)
                .register(meters.get());
        return state;
    }

    private void forget(String channelId) {
        reachable.remove(channelId);
        MeterRegistry registry = meters.get();
        registry.find("chat2desk.api.reachable").tag("channel", channelId).meters().forEach(registry::remove);
    }
}
