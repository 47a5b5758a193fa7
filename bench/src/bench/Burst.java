package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends a counted number of Chat2Desk "inbox" webhooks to one channel, shaped and signed as
 * {@code webhook.lua} does (the send time as {@code ts:<epoch ms>} in the text), either all at
 * once through {@code parallel} connections or paced at {@code rate} per second. wrk runs for a
 * time; this sends a number, so that a backlog of a known size can be put in front of a channel.
 * Usage: Burst bundleUrl keysFile firstMessageId count clients rate parallel [startAtEpochMs]
 * (rate 0: as fast as the connections go). Prints one line:
 * {@code BURST sent=N acked=N failed=N seconds=S ack_p50_ms=A ack_p99_ms=A ack_max_ms=A}.
 */
public final class Burst {

    private static final String TEMPLATE = "{\"message_id\":%d,\"type\":\"from_client\","
            + "\"text\":\"Hi *there*, __see__ [site](https://x.example) ts:%d\",\"transport\":\"whatsapp\","
            + "\"client_id\":%d,\"operator_id\":null,\"dialog_id\":%d,\"channel_id\":1,\"photo\":null,"
            + "\"coordinates\":null,\"audio\":null,\"pdf\":null,\"client\":{\"id\":%d,\"phone\":\"[chat] 1d0bb2e2\","
            + "\"client_phone\":null,\"name\":\"[chat] 1d0bb2e2\",\"assigned_name\":null,\"external_id\":null},"
            + "\"hook_type\":\"inbox\",\"request_id\":%d,\"attachments\":[],\"is_new_request\":false,"
            + "\"is_new_client\":false,\"insta_comment\":false,\"extra_data\":{},\"is_new\":true,"
            + "\"event_time\":\"2025-04-03T11:50:06.984494Z\"}";

    private Burst() {
    }

    public static void main(String[] args) throws Exception {
        String bundle = args[0];
        List<String> keyLine = List.of(Files.readAllLines(Path.of(args[1])).get(0).trim().split("\\s+"));
        long first = Long.parseLong(args[2]);
        int count = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        double rate = Double.parseDouble(args[5]);
        int parallel = Integer.parseInt(args[6]);
        // (optional) the epoch millisecond to send the first at: a JVM starting takes CPU, which
        // the bundle measured beside it should not have to share
        long startAt = args.length > 7 ? Long.parseLong(args[7]) : 0;
        URI url = URI.create(bundle + "/webhooks/chat2desk/" + keyLine.get(0));
        byte[] secret = keyLine.get(1).getBytes(StandardCharsets.US_ASCII);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> ackMicros = new ConcurrentLinkedQueue<>();
        long until = startAt - System.currentTimeMillis();
        if (until > 0) {
            Thread.sleep(until);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            long id = first + i;
            long client = i % clients + 1;
            pool.execute(() -> {
                try {
                    String body = String.format(Locale.ROOT, TEMPLATE, id, System.currentTimeMillis(),
                            client, client, client, client);
                    String ts = Long.toString(System.currentTimeMillis() / 1000);
                    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Timestamp", ts)
                            .header("X-Signature", sign(secret, body + ts))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long sent = System.nanoTime();
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    ackMicros.add((System.nanoTime() - sent) / 1000);
                    (status / 100 == 2 ? acked : failed).incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        long[] acks = ackMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "BURST sent=%d acked=%d failed=%d seconds=%.3f ack_p50_ms=%.1f ack_p99_ms=%.1f ack_max_ms=%.1f%n",
                count, acked.get(), failed.get(), (System.nanoTime() - start) / 1e9,
                percentile(acks, 0.50), percentile(acks, 0.99), percentile(acks, 1.0));
    }

    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int at = (int) Math.ceil(p * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(at, sortedMicros.length - 1))] / 1000.0;
    }

    private static String sign(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
