package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.channel.ChannelLifecycle;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.demo.DemoChannel;

/**
 * Builds {@code demoChannel} of routes/beans.camel.yaml from its named properties: the demo channel joining
 * the sandbox and the demo Agent.
 */
public class DemoChannelBuilder {

    private ChannelStore store;
    private ChannelLifecycle lifecycle;
    private String publicUrl;
    private String token;

    public void setStore(ChannelStore store) {
        this.store = store;
    }

    public void setLifecycle(ChannelLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public DemoChannel build() {
        return new DemoChannel(store, lifecycle, publicUrl, token);
    }
}
