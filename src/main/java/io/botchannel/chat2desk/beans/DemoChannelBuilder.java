package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.channel.ChannelLifecycle;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.demo.DemoChannel;

/**
 * Builds {@code demoChannel} of routes/beans.camel.yaml from its named properties: the demo channel joining
 * the sandbox and the demo Agent.
 */
public class DemoChannelBuilder extends BeanBuilder<DemoChannel> {

    private ChannelStore store;
    private ChannelLifecycle lifecycle;
    private String publicUrl;
    private String token;

    public void setStore(ChannelStore store) {
        this.store = set(store);
    }

    public void setLifecycle(ChannelLifecycle lifecycle) {
        this.lifecycle = set(lifecycle);
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = set(publicUrl);
    }

    public void setToken(String token) {
        this.token = set(token);
    }

    @Override
    protected DemoChannel make() {
        return new DemoChannel(store, lifecycle, publicUrl, token);
    }
}
