package io.botchannel.chat2desk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts the round trips clients make to PostgreSQL, read from what they send through a
 * {@link TcpRelay}: every request after which a client waits for the server's answer. That is
 * each Sync of the extended query protocol (one ends a statement, or a whole batch of them) and
 * each simple query, except the {@code BEGIN} the JDBC driver sends ahead of a transaction's first
 * statement without waiting for it. Exact however TCP cuts the bytes, and independent of time. Each
 * round trip is filed under the first statement it carried, so that a count can be explained.
 */
final class PostgresRoundTrips implements Supplier<TcpRelay.ClientBytes> {

    /** The startup message's protocol version 3.0; SSL and GSS requests come before it, untyped too. */
    private static final int PROTOCOL_3 = 196608;

    private final Map<String, LongAdder> byStatement = new ConcurrentHashMap<>();

    long count() {
        return byStatement.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The round trips so far by the first statement they carried (its first 50 characters), most first. */
    Map<String, Long> byStatement() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byStatement.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().sum()));
        return sorted;
    }

    @Override
    public TcpRelay.ClientBytes get() {
        return new Reader();
    }

    private void roundTrip(String statement) {
        String kind = statement == null ? "(no statement)" : statement.isBlank() ? "(empty query: a connection check)"
                : statement.strip().replaceAll("\\s+", " ");
        byStatement.computeIfAbsent(kind.substring(0, Math.min(50, kind.length())), k -> new LongAdder()).increment();
    }

    /**
     * One connection's messages: untyped ones (length, code) until the startup message, then
     * typed ones (type byte, then a length that counts itself but not the type).
     */
    private final class Reader implements TcpRelay.ClientBytes {

        private final byte[] header = new byte[8];
        private final Map<String, String> prepared = new HashMap<>();
        private boolean started;
        private boolean startupFollows;
        private int headerRead;
        private char type;
        private long bodyLeft;
        private ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** The first statement of the round trip under way. */
        private String first;

        @Override
        public void sent(byte[] buffer, int length) {
            int i = 0;
            while (i < length) {
                if (bodyLeft > 0) {
                    int n = (int) Math.min(bodyLeft, length - i);
                    body.write(buffer, i, n);
                    bodyLeft -= n;
                    i += n;
                } else {
                    header[headerRead++] = buffer[i++];
                    if (headerRead == (started ? 5 : 8)) {
                        headerRead = 0;
                        body.reset();
                        bodyLeft = started ? integer(1) - 4L : integer(0) - 8L;
                        type = started ? (char) header[0] : 0;
                        startupFollows = !started && integer(4) == PROTOCOL_3;
                    }
                }
                if (bodyLeft == 0 && headerRead == 0) {
                    complete();
                }
            }
        }

        private void complete() {
            if (!started) {
                started = startupFollows;
                return;
            }
            String[] fields = body.toString(StandardCharsets.UTF_8).split("\0", -1);
            switch (type) {
                case 'P' -> {
                    prepared.put(fields[0], fields[1]);
                    remember(fields[1]);
                }
                case 'B' -> remember(prepared.get(fields[1]));
                case 'Q' -> {
                    if (fields[0].equals("BEGIN")) {
                        remember("BEGIN");
                    } else {
                        roundTrip(fields[0]);
                    }
                }
                case 'S' -> {
                    roundTrip(first);
                    first = null;
                }
                default -> {
                }
            }
            type = 0;
        }

        private void remember(String statement) {
            if (first == null || first.equals("BEGIN")) {
                first = statement;
            }
        }

        private int integer(int at) {
            return (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8
                    | header[at + 3] & 0xff;
        }
    }
}
