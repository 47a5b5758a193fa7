package io.botchannel.chat2desk.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-verifies every active channel, on the schedule of {@code routes/channel-reverification.camel.yaml}:
 * Chat2Desk disables a webhook after 5 hours of failed deliveries, and people delete webhooks by
 * hand. What can be fixed is (the webhook registered again); what cannot is reported in the
 * channel's {@code checks} and the log.
 */
public class ChannelReverification {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelReverification.class);

    private final ChannelStore store;
    private final ChannelLifecycle lifecycle;

    public ChannelReverification(ChannelStore store, ChannelLifecycle lifecycle) {
        this.store = store;
        this.lifecycle = lifecycle;
    }

    /**
     * One round over the active channels with the chain route {@code checks}; one channel's failure
     * does not stop the others.
     */
    public void reverifyActiveChannels(String checks) {
        for (Channel channel : store.listActive()) {
            try {
                lifecycle.reverify(channel.id(), checks);
            } catch (RuntimeException e) {
                LOG.warn("Channel {}: re-verification could not run: {}", channel.id(), e.toString());
            }
        }
    }
}
