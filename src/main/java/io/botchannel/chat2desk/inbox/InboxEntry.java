package io.botchannel.chat2desk.inbox;

import java.time.Instant;

/**
 * A stored webhook and how far its processing got.
 *
 * @param redelivery  its Agent call was interrupted (a crash) or failed before: the Agent is told so
 * @param replies     the Agent's replies as JSON once it answered, so a resumed entry sends them without asking again
 * @param repliesSent how many of the replies went out already
 */
public record InboxEntry(long id, String channelId, String dedupKey, String body, String state, boolean redelivery,
                         int attempts, String replies, int repliesSent, String lastError, Instant receivedAt) {

    @Override
    public String toString() {
        return "InboxEntry[" + id + ", " + dedupKey + ", " + state + "]";
    }
}
