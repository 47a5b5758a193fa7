package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.channel.ChannelDirectory;
import io.botchannel.chat2desk.inbox.Inbox;
import io.botchannel.chat2desk.inbox.InboxWork;
import io.botchannel.chat2desk.metrics.MessageCounters;
import io.botchannel.chat2desk.webhook.WebhookEvents;

/**
 * Builds {@code inboxWork} of routes/beans.camel.yaml from its named properties: the dispatcher's claims and
 * the workers' steps.
 */
public class InboxWorkBuilder extends BeanBuilder<InboxWork> {

    private Inbox inbox;
    private ChannelDirectory channels;
    private WebhookEvents events;
    private MessageCounters counters;
    private int maxInFlight;
    private int maxInFlightPerChannel;
    private int claimBatch;
    private int maxWaiting;

    public void setInbox(Inbox inbox) {
        this.inbox = set(inbox);
    }

    public void setChannels(ChannelDirectory channels) {
        this.channels = set(channels);
    }

    public void setEvents(WebhookEvents events) {
        this.events = set(events);
    }

    public void setCounters(MessageCounters counters) {
        this.counters = set(counters);
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = set(maxInFlight);
    }

    public void setMaxInFlightPerChannel(int maxInFlightPerChannel) {
        this.maxInFlightPerChannel = set(maxInFlightPerChannel);
    }

    public void setClaimBatch(int claimBatch) {
        this.claimBatch = set(claimBatch);
    }

    public void setMaxWaiting(int maxWaiting) {
        this.maxWaiting = set(maxWaiting);
    }

    @Override
    protected InboxWork make() {
        return new InboxWork(inbox, channels, events, counters, maxInFlight, maxInFlightPerChannel, claimBatch,
                maxWaiting);
    }
}
