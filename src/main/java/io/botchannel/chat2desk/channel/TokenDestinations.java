package io.botchannel.chat2desk.channel;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.botchannel.chat2desk.api.ApiError;

/**
 * Where a channel's Chat2Desk token goes: the address of its {@code apiUrl} (scheme, host and
 * port), and its Agent's when it shares the token with the Agent. A token is given for those
 * addresses; a change that would send it to another one needs the token given again, so that whoever
 * may edit a channel cannot read its token out by pointing the channel at a host of their own.
 */
final class TokenDestinations {

    /** The Agent of a channel that names none: the bundle's {@code agent.url}. */
    private static final String DEFAULT_AGENT = "the default Agent (agent.url)";

    private TokenDestinations() {
    }

    /**
     * Refuses (400 naming {@code token}) a change that sends the stored token to an address it was
     * not given for, unless the change gives the token again. Nothing has been sent when it refuses.
     */
    static void requireTokenForNewAddresses(Channel current, Channel changed, boolean tokenGiven) {
        if (tokenGiven) {
            return;
        }
        Set<String> before = of(current);
        Set<String> added = new LinkedHashSet<>(of(changed));
        added.removeAll(before);
        if (!added.isEmpty()) {
            throw ApiError.badRequest("token: give the token again to send it to " + String.join(" and ", added)
                    + "; it was given for " + String.join(" and ", before));
        }
    }

    /** The addresses the channel sends its token to. */
    static Set<String> of(Channel channel) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(origin(channel.apiUrl()));
        if (channel.options().shareTokenWithAgent()) {
            addresses.add(channel.agentUrl() == null ? DEFAULT_AGENT : origin(channel.agentUrl()) + " (the Agent)");
        }
        return addresses;
    }

    /** {@code scheme://host:port} in lower case, with the scheme's default port written out. */
    static String origin(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + host + (port < 0 ? "" : ":" + port);
    }
}
