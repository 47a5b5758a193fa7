package io.botchannel.chat2desk.bounds;

import io.vertx.ext.web.client.WebClientOptions;

/** How the calls to one address (an Agent's, Chat2Desk's) hold their connections. */
public final class Connections {

    private Connections() {
    }

    /**
     * At most {@code maxCallsInFlight} calls to one address at a time, each on a connection of its
     * own (kept open for the next), and the calls beyond those queued in order, waiting without a
     * thread. No redirect is followed: a channel's token goes only to the address it was given for.
     */
    public static WebClientOptions perAddress(int maxCallsInFlight, int connectTimeoutMs) {
        if (maxCallsInFlight < 1) {
            throw new IllegalArgumentException("max-calls-in-flight must be at least 1, not " + maxCallsInFlight);
        }
        return new WebClientOptions()
                .setMaxPoolSize(maxCallsInFlight)
                .setConnectTimeout(connectTimeoutMs)
                .setFollowRedirects(false)
                .setTryUseCompression(false)
                .setUserAgentEnabled(false);
    }
}
