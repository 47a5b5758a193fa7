package io.botchannel.chat2desk.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of everything the sandbox creates. Shared by all companies and never rewound, not even by a
 * reset: the bundle de-duplicates on {@code message_id}, so a reused id would look like a redelivery.
 * The starting values resemble real ones and keep the kinds apart when reading logs.
 */
final class IdSequences {

    final AtomicLong companies = new AtomicLong(1233);
    final AtomicLong clients = new AtomicLong(12567);
    final AtomicLong dialogs = new AtomicLong(941);
    final AtomicLong requests = new AtomicLong(5356);
    final AtomicLong messages = new AtomicLong(28779);
    final AtomicLong webhooks = new AtomicLong(100);

    /** Makes sure the sequence never hands out an id that was chosen by hand. */
    static void skipPast(AtomicLong sequence, long used) {
        sequence.accumulateAndGet(used, Math::max);
    }
}
