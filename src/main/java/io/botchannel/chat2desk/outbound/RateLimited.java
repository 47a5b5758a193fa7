package io.botchannel.chat2desk.outbound;

import java.util.concurrent.TimeUnit;

/**
 * A channel's next Chat2Desk call is not due yet ({@code chat2desk.rate-per-second}): its message is
 * put back until then rather than wait in a worker, and keeps the slot it was given. Not a failure:
 * it counts no attempt.
 */
public class RateLimited extends Exception {

    private final long delayNanos;

    public RateLimited(String channelId, long delayNanos) {
        super("channel " + channelId + " is at its Chat2Desk rate: its next call is due in "
                + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms", null, false, false);
        this.delayNanos = delayNanos;
    }

    public long delayMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos));
    }
}
