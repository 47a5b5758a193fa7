package io.botchannel.chat2desk.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of everything the sandbox creates. Shared by all companies and never rewound, not even by a
 * reset: the bundle de-duplicates on {@code message_id}, so a reused id would look like a redelivery.
 * The sandbox forgets everything when it stops while the bundle's store does not, so clients,
 * dialogs, requests and messages are numbered from the clock: a restarted sandbox never hands out
 * an id the store has seen.
 */
final class IdSequences {

    private static final long START = System.currentTimeMillis() / 1000;

    final AtomicLong companies = new AtomicLong(1233);
    final AtomicLong clients = new AtomicLong(START);
    final AtomicLong dialogs = new AtomicLong(START);
    final AtomicLong requests = new AtomicLong(START);
    final AtomicLong messages = new AtomicLong(START * 10);
    final AtomicLong webhooks = new AtomicLong(100);

    /** Makes sure the sequence never hands out an id that was chosen by hand. */
    static void skipPast(AtomicLong sequence, long used) {
        sequence.accumulateAndGet(used, Math::max);
    }
}
