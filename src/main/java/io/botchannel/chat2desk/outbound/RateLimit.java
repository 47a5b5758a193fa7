package io.botchannel.chat2desk.outbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.inbox.InboxEntry;
import org.apache.camel.ExchangeProperty;

/**
 * At most {@code limit} Chat2Desk calls per channel in any one second: a call goes when the call
 * {@code limit} places before it is a second old. A message whose call is not due yet is not held
 * in a worker: it is given the slot and put back into the inbox until then ({@link RateLimited}),
 * and its call takes the slot kept for it when it comes back. Each channel keeps only the times of
 * its calls of the last second (and of those put back), so memory follows the traffic, not the
 * limit times the number of channels.
 */
public final class RateLimit {

    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
    /** Past this many kept slots, those older than {@link #KEPT} are forgotten. */
    private static final int MAX_KEPT = 10_000;

    /** How long a slot is kept for a message that was put back: past this, another instance took it up. */
    private static final long KEPT = TimeUnit.MINUTES.toNanos(10);

    private final int limit;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** The slots given to the messages put back (by inbox entry id), in nanoTime. */
    private final Map<Long, Long> slots = new ConcurrentHashMap<>();

    public RateLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("chat2desk.rate-per-second must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Lets the call of the inbox entry go now, or throws {@link RateLimited} with the time its slot
     * is due: the entry is put back until then, and its slot kept for it.
     */
    public void acquire(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("entry") InboxEntry entry)
            throws RateLimited, InterruptedException {
        long now = System.nanoTime();
        if (entry != null) {
            take(channel.id(), entry.id(), now);
            return;
        }
        // a reply sent from outside the inbox (the sink Kamelet): there is nothing to put back,
        // so the caller's own thread waits for the slot
        TimeUnit.NANOSECONDS.sleep(Math.max(0, reserve(channel.id(), now)));
    }

    /** The entry's call goes at {@code now}, or throws with the time to its slot, kept for it. */
    void take(String channelId, long entryId, long now) throws RateLimited {
        Long kept = slots.remove(entryId);
        long delay = kept != null ? kept - now : reserve(channelId, now);
        if (delay <= 0) {
            return;
        }
        if (slots.size() > MAX_KEPT) {
            slots.values().removeIf(slot -> now - slot > KEPT);
        }
        slots.put(entryId, now + delay);
        throw new RateLimited(channelId, delay);
    }

    /** Takes the channel's next free slot at or after {@code now}; returns how long to wait for it. */
    long reserve(String channelId, long now) {
        Window window = windows.computeIfAbsent(channelId, id -> new Window());
        synchronized (window) {
            window.forgetBefore(now - PERIOD);
            long at = window.size() < limit ? now : Math.max(now, window.fromEnd(limit) + PERIOD);
            window.add(at);
            return at - now;
        }
    }

    /** How many call times the channel keeps (for tests). */
    int kept(String channelId) {
        Window window = windows.get(channelId);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return window.size();
        }
    }

    /** Call times in the order they were given out (never decreasing), in a ring that grows as needed. */
    private static final class Window {

        private long[] times = new long[4];
        private int head;
        private int size;

        int size() {
            return size;
        }

        /** The time {@code n} places from the end: 1 is the latest. */
        long fromEnd(int n) {
            return times[(head + size - n) % times.length];
        }

        void add(long time) {
            if (size == times.length) {
                long[] larger = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    larger[i] = times[(head + i) % times.length];
                }
                times = larger;
                head = 0;
            }
            times[(head + size) % times.length] = time;
            size++;
        }

        void forgetBefore(long time) {
            while (size > 0 && times[head] - time <= 0) {
                head = (head + 1) % times.length;
                size--;
            }
        }
    }
}
