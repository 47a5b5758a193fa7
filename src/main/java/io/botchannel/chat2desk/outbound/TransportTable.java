package io.botchannel.chat2desk.outbound;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A per-transport setting read from {@code <prefix>.transport.<transport>=<value>} with
 * {@code <prefix>.default} for every transport not listed, so users change it in
 * chat2desk-bot-channel.properties. Transport names are compared without regard to case.
 */
public final class TransportTable {

    private final String name;
    private final Map<String, String> values = new HashMap<>();
    private final String fallback;

    public TransportTable(String prefix, Properties properties, String fallback, Set<String> allowed) {
        this.name = prefix;
        String transportPrefix = prefix + ".transport.";
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(transportPrefix)) {
                values.put(normalise(key.substring(transportPrefix.length())),
                        check(key, properties.getProperty(key), allowed));
            }
        }
        this.fallback = check(prefix + ".default", properties.getProperty(prefix + ".default", fallback), allowed);
    }

    public String valueFor(String transport) {
        return transport == null ? fallback : values.getOrDefault(normalise(transport), fallback);
    }

    private String check(String key, String value, Set<String> allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            // A typo must stop startup rather than change how every message looks
            throw new IllegalArgumentException(key + " = " + value + ": not one of " + allowed);
        }
        return v;
    }

    private static String normalise(String transport) {
        return transport.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name + values + " default " + fallback;
    }
}
