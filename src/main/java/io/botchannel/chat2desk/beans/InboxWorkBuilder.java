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
public class InboxWorkBuilder {

    private Inbox inbox;
    private ChannelDirectory channels;
    private WebhookEvents events;
    private MessageCounters counters;
    private int workers;
    private int claimBatch;

    public void setInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    public void setChannels(ChannelDirectory channels) {
        this.channels = channels;
    }

    public void setEvents(WebhookEvents events) {
        this.events = events;
    }

    public void setCounters(MessageCounters counters) {
        this.counters = counters;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public void setClaimBatch(int claimBatch) {
        this.claimBatch = claimBatch;
    }

    public InboxWork build() {
        return new InboxWork(inbox, channels, events, counters, workers, claimBatch);
    }
}
