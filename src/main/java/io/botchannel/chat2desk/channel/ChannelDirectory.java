package io.botchannel.chat2desk.channel;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import org.apache.camel.Header;

/** Finds the channel a webhook belongs to, with the Agent URL it is answered by. */
public class ChannelDirectory {

    private final ChannelStore store;
    private final String defaultAgentUrl;

    public ChannelDirectory(ChannelStore store, String defaultAgentUrl) {
        this.store = store;
        this.defaultAgentUrl = defaultAgentUrl;
    }

    /** The active channel with this webhook key; 404 for an unknown or inactive one. */
    public Channel activeByKey(@Header("channelKey") String key) {
        return store.findByKey(key)
                .filter(Channel::active)
                .map(this::withAgentUrl)
                .orElseThrow(() -> ApiError.notFound("no active channel for this webhook URL"));
    }

    /** The active channels among these ids, by id, in one read: those of a claimed batch of messages. */
    public Map<String, Channel> activeByIds(Collection<String> ids) {
        Map<String, Channel> active = new HashMap<>();
        store.findByIds(ids).stream().filter(Channel::active).map(this::withAgentUrl)
                .forEach(channel -> active.put(channel.id(), channel));
        return active;
    }

    private Channel withAgentUrl(Channel channel) {
        if (channel.agentUrl() != null) {
            return channel;
        }
        return channel.withAgentUrl(defaultAgentUrl);
    }
}
