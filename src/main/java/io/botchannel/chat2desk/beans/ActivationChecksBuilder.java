package io.botchannel.chat2desk.beans;

import java.time.Duration;

import io.botchannel.chat2desk.BundleBeans;
import io.botchannel.chat2desk.bounds.VertxAnswerLimit;
import io.botchannel.chat2desk.channel.ActivationChecks;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;

/**
 * Builds {@code activationChecks} of routes/beans.camel.yaml from its named properties: the bodies of the
 * activation checks.
 */
public class ActivationChecksBuilder extends BeanBuilder<ActivationChecks> {

    private ChannelStore store;
    private Chat2DeskApi chat2desk;
    private String agentUrl;
    private String webhookEvents;
    private long checkTimeoutMs;
    private VertxAnswerLimit agentAnswers;

    public void setStore(ChannelStore store) {
        this.store = set(store);
    }

    public void setChat2desk(Chat2DeskApi chat2desk) {
        this.chat2desk = set(chat2desk);
    }

    public void setAgentUrl(String agentUrl) {
        this.agentUrl = set(agentUrl);
    }

    public void setWebhookEvents(String webhookEvents) {
        this.webhookEvents = set(webhookEvents);
    }

    public void setCheckTimeoutMs(long checkTimeoutMs) {
        this.checkTimeoutMs = set(checkTimeoutMs);
    }

    public void setAgentAnswers(VertxAnswerLimit agentAnswers) {
        this.agentAnswers = set(agentAnswers);
    }

    @Override
    protected ActivationChecks make() {
        return new ActivationChecks(store, chat2desk, agentUrl, BundleBeans.commaSeparated(webhookEvents),
                Duration.ofMillis(checkTimeoutMs), agentAnswers.limit());
    }
}
