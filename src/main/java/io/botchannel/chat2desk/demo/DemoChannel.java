package io.botchannel.chat2desk.demo;

import java.time.Instant;
import java.util.UUID;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelLifecycle;
import io.botchannel.chat2desk.channel.ChannelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ready demo channel of the sandbox: the demo Agent connected to the sandbox's demo company,
 * activated through the same check chain as any channel. The sandbox keeps its state in memory,
 * so the channel is activated again at every start to register its webhook anew.
 */
public class DemoChannel {

    static final String NAME = "Demo channel";
    private static final Logger LOG = LoggerFactory.getLogger(DemoChannel.class);

    private final ChannelStore store;
    private final ChannelLifecycle lifecycle;
    private final String publicUrl;
    private final String token;

    public DemoChannel(ChannelStore store, ChannelLifecycle lifecycle, String publicUrl, String token) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.token = token;
    }

    /** Creates the demo channel where there is none, and activates it with the chain route {@code checks}. */
    public void ensure(String checks) {
        String apiUrl = publicUrl + "/sandbox/v1";
        Channel channel = store.list().stream()
                .filter(c -> NAME.equals(c.name()) && apiUrl.equals(c.apiUrl()))
                .findFirst()
                .orElseGet(() -> create(apiUrl));
        Channel activated = lifecycle.activate(channel, checks);
        if (activated.active()) {
            LOG.info("Demo channel {} is active. Write as a client at {}/sandbox/ and read the bot's answers there.",
                    activated.id(), publicUrl);
        } else {
            LOG.warn("Demo channel {} could not be activated: {}", activated.id(), activated.checks());
        }
    }

    private Channel create(String apiUrl) {
        Instant now = Instant.now();
        Channel channel = new Channel(UUID.randomUUID().toString(), ChannelLifecycle.newKey(), NAME, apiUrl, token,
                null, false, null, false, null, null, now, now, Channel.Options.NONE);
        store.insert(channel);
        return channel;
    }
}
