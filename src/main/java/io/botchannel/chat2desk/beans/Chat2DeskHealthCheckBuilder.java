package io.botchannel.chat2desk.beans;

import java.time.Duration;
import java.util.function.Supplier;

import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.health.Chat2DeskReachability;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds {@code chat2deskHealthCheck} of routes/beans.camel.yaml from its named properties: the health check
 * of Chat2Desk's reachability.
 */
public class Chat2DeskHealthCheckBuilder extends BeanBuilder<Chat2DeskReachability> {

    private ChannelStore channels;
    private Chat2DeskApi chat2desk;
    private long intervalSeconds;
    private Supplier<MeterRegistry> meters;

    public void setChannels(ChannelStore channels) {
        this.channels = set(channels);
    }

    public void setChat2desk(Chat2DeskApi chat2desk) {
        this.chat2desk = set(chat2desk);
    }

    public void setIntervalSeconds(long intervalSeconds) {
        this.intervalSeconds = set(intervalSeconds);
    }

    public void setMeters(Supplier<MeterRegistry> meters) {
        this.meters = set(meters);
    }

    @Override
    protected Chat2DeskReachability make() {
        return new Chat2DeskReachability(channels, chat2desk, Duration.ofSeconds(intervalSeconds), meters);
    }
}
