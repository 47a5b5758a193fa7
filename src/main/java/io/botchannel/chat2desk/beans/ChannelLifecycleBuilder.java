package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.channel.ActivationChecks;
import io.botchannel.chat2desk.channel.ChannelLifecycle;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.channel.CheckChain;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;

/**
 * Builds {@code channelLifecycle} of routes/beans.camel.yaml from its named properties: the channel actions.
 */
public class ChannelLifecycleBuilder extends BeanBuilder<ChannelLifecycle> {

    private ChannelStore store;
    private ActivationChecks activationChecks;
    private CheckChain checkChain;
    private Chat2DeskApi chat2desk;
    private String publicUrl;

    public void setStore(ChannelStore store) {
        this.store = set(store);
    }

    public void setActivationChecks(ActivationChecks activationChecks) {
        this.activationChecks = set(activationChecks);
    }

    public void setCheckChain(CheckChain checkChain) {
        this.checkChain = set(checkChain);
    }

    public void setChat2desk(Chat2DeskApi chat2desk) {
        this.chat2desk = set(chat2desk);
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = set(publicUrl);
    }

    @Override
    protected ChannelLifecycle make() {
        return new ChannelLifecycle(store, activationChecks, checkChain, chat2desk, publicUrl);
    }
}
