package io.botchannel.chat2desk.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelDirectory;
import io.botchannel.chat2desk.metrics.MessageCounters;
import io.botchannel.chat2desk.outbound.RateLimited;
import io.botchannel.chat2desk.webhook.WebhookEvents;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps of processing one inbox entry that the dispatch routes call. */
public class InboxWork {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWork.class);

    /**
     * A reply still to send and its place in the Agent's answer.
     *
     * @param last          the answer's last reply: its write closes the entry
     * @param latestMessage the answer's last text or file reply: the message whose buttons the client may answer
     */
    public record PendingReply(int index, Map<String, Object> reply, boolean last, boolean latestMessage) {
    }

    private static final TypeReference<List<Map<String, Object>>> REPLIES = new TypeReference<>() {
    };

    private final Inbox inbox;
    private final ChannelDirectory channels;
    private final WebhookEvents events;
    private final MessageCounters counters;
    private final ObjectMapper json = new ObjectMapper();
    private final int maxInFlight;
    /** At most this many in hand for one channel; 0: no cap of its own. */
    private final int maxInFlightPerChannel;
    /** How many entries each channel has in hand. */
    private final Map<String, Integer> inHandByChannel = new ConcurrentHashMap<>();
    private final int claimBatch;
    /**
     * At most this many claimed entries wait for a worker: the workers' queue is first come, first
     * served, so a claim far ahead of them would put a quiet channel's message behind everything
     * a flooded channel had claimed before it. Kept short, the claim (where channels take turns)
     * decides the order.
     */
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    /** The last claim took less than it could have because the workers' queue was full. */
    private volatile boolean cutShort;
    /**
     * The entries claimed and not yet finished by a worker, whose claims are renewed, with their
     * channel as read at the claim (empty: no longer active).
     */
    private final Map<Long, Optional<Channel>> inHand = new ConcurrentHashMap<>();

    public InboxWork(Inbox inbox, ChannelDirectory channels, WebhookEvents events, MessageCounters counters,
                     int maxInFlight, int maxInFlightPerChannel, int claimBatch, int maxWaiting) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("dispatch.max-in-flight must be at least 1, not " + maxInFlight);
        }
        if (maxInFlightPerChannel < 0) {
            throw new IllegalArgumentException("dispatch.max-in-flight-per-channel must be 0 (no cap) or more, not "
                    + maxInFlightPerChannel);
        }
        this.inbox = inbox;
        this.maxInFlight = maxInFlight;
        this.maxInFlightPerChannel = maxInFlightPerChannel;
        this.claimBatch = claimBatch;
        this.maxWaiting = Math.max(1, maxWaiting);
        this.channels = channels;
        this.events = events;
        this.counters = counters;
    }

    /**
     * Claims what may be taken up now: at most {@code claimBatch} entries, no more than
     * {@code maxInFlight} in hand (queued for a worker, waiting for the Agent or Chat2Desk, or being
     * worked on), and no more than {@code maxWaiting} queued for a worker. A claimed entry holds its
     * chat's lane, so claiming a whole backlog ahead would only make every later search skip the
     * held lanes' entries.
     */
    public List<InboxEntry> claimForWorkers() {
        int queueRoom = maxWaiting - waiting.get();
        int free = Math.min(Math.min(claimBatch, maxInFlight - inHand.size()), queueRoom);
        cutShort = queueRoom < claimBatch;
        if (free <= 0) {
            return List.of();
        }
        List<InboxEntry> claimed = inbox.claimReady(free, this::roomOf);
        waiting.addAndGet(claimed.size());
        // the channels of the whole batch in one read, not one read per message
        Map<String, Channel> active = channels.activeByIds(claimed.stream().map(InboxEntry::channelId).distinct().toList());
        for (InboxEntry entry : claimed) {
            inHand.put(entry.id(), Optional.ofNullable(active.get(entry.channelId())));
            inHandByChannel.merge(entry.channelId(), 1, Integer::sum);
        }
        return claimed;
    }

    /** How many more entries the channel may have in hand. */
    private int roomOf(String channelId) {
        if (maxInFlightPerChannel == 0) {
            return Integer.MAX_VALUE;
        }
        return maxInFlightPerChannel - inHandByChannel.getOrDefault(channelId, 0);
    }

    /**
     * Whether a worker taking an entry off the queue should wake the dispatcher: the last claim
     * was cut short by the queue, and the queue is now down to half.
     */
    public boolean roomToClaim() {
        return cutShort && waiting.get() <= maxWaiting / 2;
    }

    /** Whether the last claim took a whole batch: more may be due, so the dispatcher claims again. */
    public boolean wholeBatch(List<InboxEntry> claimed) {
        return claimed.size() >= claimBatch;
    }

    /** Renews the claims of the entries in hand: this instance is alive and working on them. */
    public int renewClaims() {
        return inbox.renewClaims(List.copyOf(inHand.keySet()));
    }

    /**
     * Sets the properties {@code entry}, {@code channel} and {@code event} for the claimed entry
     * in the body. Returns false when its channel is no longer active: the entry is closed unsent.
     */
    public boolean open(Exchange exchange) {
        InboxEntry entry = exchange.getMessage().getBody(InboxEntry.class);
        waiting.decrementAndGet();
        exchange.setProperty("entry", entry);
        // finished, failed or handed back for a retry: no longer this instance's to renew
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (inHand.remove(entry.id()) != null) {
                    inHandByChannel.merge(entry.channelId(), -1, (held, less) -> held + less > 0 ? held + less : null);
                }
            }

            @Override
            public boolean allowHandover() {
                // the worker's last step hands its completions to the wake-up it sends, which a full
                // wake-up queue discards: this one must run when the worker's own exchange is done
                return false;
            }
        });
        Channel channel = inHand.getOrDefault(entry.id(), Optional.empty()).orElse(null);
        if (channel == null) {
            inbox.done(entry);
            return false;
        }
        exchange.setProperty("channel", channel);
        exchange.setProperty("event", events.parse(entry.body()));
        return true;
    }

    /**
     * The replies of the Agent's stored answer that have not gone out yet, in order. The write of
     * the last one closes the entry ({@link Inbox#replySent}); an answer with none left is closed here.
     */
    public List<PendingReply> pendingReplies(@ExchangeProperty("entry") InboxEntry entry,
                                             @ExchangeProperty("replies") String repliesJson) throws JsonProcessingException {
        String stored = repliesJson != null ? repliesJson : entry.replies();
        List<Map<String, Object>> replies = stored == null ? List.of() : json.readValue(stored, REPLIES);
        int latestMessage = -1;
        for (int i = 0; i < replies.size(); i++) {
            Object type = replies.get(i).get("type");
            if ("text".equals(type) || "file".equals(type)) {
                latestMessage = i;
            }
        }
        List<PendingReply> pending = new ArrayList<>();
        for (int i = entry.repliesSent(); i < replies.size(); i++) {
            pending.add(new PendingReply(i, replies.get(i), i == replies.size() - 1, i == latestMessage));
        }
        if (pending.isEmpty()) {
            inbox.done(entry);
        }
        return pending;
    }

    /** The Agent's answer as it is kept (the inbox's {@code answered}) before any of it is sent. */
    public String answerJson(List<Map<String, Object>> replies) throws JsonProcessingException {
        return json.writeValueAsString(replies);
    }

    /**
     * A failure that may pass (the other side busy or down, the network, a time-out): the entry is
     * tried again after an exponential backoff with jitter from {@code initialDelayMs} up to
     * {@code maxDelayMs}, never sooner than a {@code Retry-After} asked for, and becomes a dead
     * letter after {@code maxAttempts} attempts or once it is older than {@code maxAgeHours}.
     */
    public CompletionStage<Void> retryLater(Exchange exchange, int maxAttempts, long initialDelayMs, long maxDelayMs,
                                            long maxAgeHours) {
        return failed(exchange, new Inbox.RetryPolicy(maxAttempts, Duration.ofMillis(initialDelayMs),
                Duration.ofMillis(maxDelayMs), Duration.ofHours(maxAgeHours)));
    }

    /** The message's next Chat2Desk call is not due yet: back into the inbox until it is. */
    public CompletionStage<Void> putBack(@ExchangeProperty("entry") InboxEntry entry,
                                         @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) {
        // found in the causes: the split of the replies wraps what a reply's call threw
        return inbox.putBack(entry, ObjectHelper.getException(RateLimited.class, caught).delayMillis());
    }

    /** A failure that retrying cannot help (a refusal, a reply that cannot be sent): a dead letter at once. */
    public CompletionStage<Void> deadLetter(Exchange exchange) {
        return failed(exchange, Inbox.RetryPolicy.NONE);
    }

    /** The failure is recorded (a retry or a dead letter) and counted once committed; no thread waits for it. */
    private CompletionStage<Void> failed(Exchange exchange, Inbox.RetryPolicy retries) {
        InboxEntry entry = exchange.getProperty("entry", InboxEntry.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Channel channel = exchange.getProperty("channel", Channel.class);
        if (entry != null && cause != null) {
            // the failing call: the Agent's while no answer is kept, Chat2Desk's after
            String call = exchange.getProperty("replies") == null && entry.replies() == null ? "agent" : "chat2desk";
            if ("agent".equals(call) && channel != null) {
                counters.agentCall(channel, "failed");
            }
            return Inbox.then(inbox.failed(entry, FailureReason.of(exchange, cause), RetryAfter.of(cause), retries), dead -> {
                if (channel != null) {
                    if (dead) {
                        counters.deadLetter(channel, call);
                    } else {
                        counters.retry(channel, call);
                    }
                }
                return null;
            });
        }
        if (cause != null) {
            LOG.error("Channel {}: replies to client {} failed: {}", exchange.getProperty("channel", Channel.class),
                    exchange.getProperty("chat"), FailureReason.of(exchange, cause));
        }
        return CompletableFuture.completedFuture(null);
    }
}
