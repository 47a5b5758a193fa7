package io.botchannel.chat2desk.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.botchannel.chat2desk.api.AddressRanges;
import org.apache.camel.Exchange;

/**
 * Who may use the sandbox and the demo Agent: by default only this machine (loopback). The
 * sandbox lets a caller act as Chat2Desk and as any client, and reads out the demo channel's
 * webhook; open to the network, it would let anyone drive the bundle. {@code sandbox.allow-from}
 * names the addresses or ranges (CIDR) allowed; {@code 0.0.0.0/0, ::/0} opens it to everyone.
 * <p>
 * Being on an allowed address is not all. A request that came through a proxy (it carries
 * {@code Forwarded}, {@code X-Forwarded-For} or {@code Via}) is the proxy's clients', so every
 * address the proxy names must be allowed too, and one that names none is let in only where
 * {@code sandbox.allow-from} opens the sandbox to everyone. And a request a web page sends (it
 * carries {@code Origin}) must come from a page of this bundle: a page of any other site, opened
 * on this machine, would otherwise drive the sandbox through the browser.
 */
public class SandboxAccess {

    private static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "Via");
    /** The client named in a Forwarded element: {@code for=192.0.2.1}, {@code for="[2001:db8::1]:4711"}. */
    private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)(?:^|[;,\\s])for\\s*=\\s*\"?([^\";,]*)\"?");

    private final AddressRanges allowed;
    private final Set<String> ownOrigins = new LinkedHashSet<>();

    /**
     * @param allowFrom comma-separated addresses or CIDR ranges, e.g. {@code 127.0.0.0/8, ::1, 10.1.0.0/16}
     * @param publicUrl the bundle's own address ({@code channel.public-url}): its pages may call the sandbox
     * @param httpPort  the port the bundle serves on: its pages at localhost, 127.0.0.1 and [::1] may too
     */
    public SandboxAccess(String allowFrom, String publicUrl, int httpPort) {
        this.allowed = AddressRanges.parse(allowFrom, "sandbox.allow-from");
        String own = origin(publicUrl);
        if (own != null) {
            ownOrigins.add(own);
        }
        for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
            ownOrigins.add(origin("http://" + host + ":" + httpPort));
        }
    }

    /** True when the caller may not use the sandbox or the demo Agent. */
    public boolean refuses(Exchange exchange) {
        return reason(exchange) != null;
    }

    /** The answer to a refused caller: {@code {"error": "..."}}. */
    public String refusal(Exchange exchange) {
        String reason = reason(exchange);
        return JsonNodeFactory.instance.objectNode().put("error", reason == null ? "" : reason).toString();
    }

    /** Why the request may not use the sandbox, or null when it may. */
    String reason(Exchange exchange) {
        String caller = CallerAddress.of(exchange);
        String only = "the sandbox and the demo Agent answer only requests from " + allowed + " (sandbox.allow-from)";
        if (caller == null || !allows(caller)) {
            return only + ", not from " + (caller == null ? "an unknown address" : caller);
        }
        String proxied = proxiedFor(exchange);
        if (proxied != null) {
            return only + "; this one came through a proxy " + proxied;
        }
        for (String origin : RequestHeaders.all(exchange, "Origin")) {
            if (!ownOrigins.contains(normalized(origin)) && !sameIpHost(origin, exchange)) {
                return "the sandbox and the demo Agent answer only pages of this bundle ("
                        + String.join(", ", ownOrigins) + "), not pages of another site";
            }
        }
        return null;
    }

    /**
     * Whom a proxied request came through a proxy for, where that is not allowed ({@code (X-Forwarded-For)
     * for 203.0.113.9}); null when it was not proxied, or every client it names is allowed.
     */
    private String proxiedFor(Exchange exchange) {
        String unnamed = null;
        for (String header : PROXY_HEADERS) {
            for (String value : RequestHeaders.all(exchange, header)) {
                List<String> clients = switch (header) {
                    case "X-Forwarded-For" -> Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "Forwarded" -> forwardedFor(value);
                    default -> List.of(); // Via names proxies, not their clients
                };
                if (clients.isEmpty()) {
                    unnamed = unnamed == null ? header : unnamed;
                }
                for (String client : clients) {
                    String address = literalAddress(client);
                    if (address == null) {
                        unnamed = unnamed == null ? header : unnamed;
                    } else if (!allows(address)) {
                        return "(" + header + ") for " + address;
                    }
                }
            }
        }
        return unnamed != null && !opensToEveryone() ? "(" + unnamed + ") that does not say for which address" : null;
    }

    private static List<String> forwardedFor(String value) {
        List<String> clients = new ArrayList<>();
        Matcher m = FORWARDED_FOR.matcher(value);
        while (m.find()) {
            clients.add(m.group(1).trim());
        }
        return clients;
    }

    /** An address as a proxy names it ({@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}), or null. */
    private static String literalAddress(String named) {
        String address = named;
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? "" : address.substring(1, end);
        } else if (address.indexOf(':') == address.lastIndexOf(':') && address.contains(":")) {
            address = address.substring(0, address.indexOf(':'));
        }
        return isLiteral(address) ? address : null;
    }

    /** An IPv4 or IPv6 address as written, which InetAddress reads without looking up a name. */
    private static boolean isLiteral(String address) {
        return address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                || address.contains(":") && address.matches("[0-9a-fA-F:.]+");
    }

    private boolean opensToEveryone() {
        return allowed.everyone();
    }

    /**
     * A page opened at this bundle's IP address and port (from a host that sandbox.allow-from lets
     * in): its origin is the request's Host. Only for an IP address: a host name could be made to
     * point here by another site (DNS rebinding).
     */
    private static boolean sameIpHost(String origin, Exchange exchange) {
        List<String> hosts = RequestHeaders.all(exchange, "Host");
        if (hosts.size() != 1) {
            return false;
        }
        String host = hosts.get(0).trim();
        boolean ip = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}(:[0-9]{1,5})?")
                || host.matches("\\[[0-9a-fA-F:.]+](:[0-9]{1,5})?");
        String given = normalized(origin);
        return ip && (given.equals(normalized("http://" + host)) || given.equals(normalized("https://" + host)));
    }

    /** {@code scheme://host[:port]} in lower case without the scheme's default port; null when not an origin. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String normalized(String origin) {
        String normal = origin(origin);
        return normal == null ? "" : normal;
    }

    boolean allows(String address) {
        return allowed.contains(address);
    }
}
