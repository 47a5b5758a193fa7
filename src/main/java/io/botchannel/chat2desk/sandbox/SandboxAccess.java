package io.botchannel.chat2desk.sandbox;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;

/**
 * Who may use the sandbox and the demo Agent: by default only this machine (loopback). The
 * sandbox lets a caller act as Chat2Desk and as any client, and reads out the demo channel's
 * webhook; open to the network, it would let anyone drive the bundle. {@code sandbox.allow-from}
 * names the addresses or ranges (CIDR) allowed; {@code 0.0.0.0/0, ::/0} opens it to everyone.
 */
public class SandboxAccess {

    public static final String LOOPBACK = "127.0.0.0/8, ::1";

    private final String allowFrom;
    private final List<Range> ranges = new ArrayList<>();

    /** @param allowFrom comma-separated addresses or CIDR ranges, e.g. {@code 127.0.0.0/8, ::1, 10.1.0.0/16} */
    public SandboxAccess(String allowFrom) {
        this.allowFrom = allowFrom == null || allowFrom.isBlank() ? LOOPBACK : allowFrom.trim();
        for (String entry : Arrays.stream(this.allowFrom.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList()) {
            ranges.add(Range.parse(entry));
        }
    }

    /** True when the caller may not use the sandbox or the demo Agent. */
    public boolean refuses(Exchange exchange) {
        String caller = CallerAddress.of(exchange);
        return caller == null || !allows(caller);
    }

    /** The answer to a refused caller. */
    public String refusal(Exchange exchange) {
        String caller = CallerAddress.of(exchange);
        String who = caller == null ? "an unknown address" : caller;
        return "{\"error\":\"the sandbox and the demo Agent answer only requests from " + allowFrom.replace("\"", "")
                + " (sandbox.allow-from), not from " + who + "\"}";
    }

    boolean allows(String address) {
        byte[] bytes;
        try {
            // a literal address only: never a name lookup
            if (!address.matches("[0-9a-fA-F:.%]+")) {
                return false;
            }
            bytes = InetAddress.getByName(address.replaceFirst("%.*$", "")).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String[] parts = entry.split("/", 2);
            try {
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException();
                }
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException();
                }
                return new Range(network, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("sandbox.allow-from: '" + entry
                        + "' is not an IP address or a CIDR range such as 127.0.0.0/8 or ::1", e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
