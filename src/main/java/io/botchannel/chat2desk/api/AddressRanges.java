package io.botchannel.chat2desk.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A list of IP addresses and CIDR ranges, such as {@code 127.0.0.0/8, ::1, 10.1.0.0/16}, as a
 * configuration key names them, and whether a caller's address is among them. Only literal
 * addresses are read: never a name lookup.
 */
public final class AddressRanges {

    /** This machine alone. */
    public static final String LOOPBACK = "127.0.0.0/8, ::1";

    private final String text;
    private final List<Range> ranges;

    private AddressRanges(String text, List<Range> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * @param list comma-separated addresses or ranges; empty means {@link #LOOPBACK}
     * @param key  the configuration key that names them, for the message about a wrong entry
     */
    public static AddressRanges parse(String list, String key) {
        String text = list == null || list.isBlank() ? LOOPBACK : list.trim();
        return new AddressRanges(text, Arrays.stream(text.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                .map(entry -> Range.parse(entry, key)).toList());
    }

    /** Whether the address (a literal IPv4 or IPv6 address) is in one of the ranges. */
    public boolean contains(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address.replaceFirst("%.*$", "")).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /** Whether the list takes in every IPv4 and every IPv6 address ({@code 0.0.0.0/0, ::/0}). */
    public boolean everyone() {
        return ranges.stream().anyMatch(range -> range.prefix() == 0 && range.network().length == 4)
                && ranges.stream().anyMatch(range -> range.prefix() == 0 && range.network().length == 16);
    }

    /** The list as configured. */
    @Override
    public String toString() {
        return text;
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry, String key) {
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
                throw new IllegalArgumentException(key + ": '" + entry
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
