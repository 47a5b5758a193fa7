package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates and activates channels through the bundle's management API
 * ({@code POST /api/v1/channels?activate=true}), several at a time, each with its own token, and
 * writes one line per active channel for the load script: its webhook key and signing key (the
 * hex MD5 of its token). With an Agent URL, the channels name it as their {@code agentUrl}
 * instead of taking the bundle's {@code agent.url}.
 * Usage: Channels bundleUrl apiKey chat2deskApiUrl count parallel keysFile [agentUrl]
 */
public final class Channels {

    private static final Pattern WEBHOOK_URL = Pattern.compile("\"webhookUrl\":\"[^\"]*/([^/\"]+)\"");
    private static final Pattern ACTIVE = Pattern.compile("\"active\":true");

    private Channels() {
    }

    public static void main(String[] args) throws Exception {
        String bundle = args[0];
        String apiKey = args[1];
        String apiUrl = args[2];
        int count = Integer.parseInt(args[3]);
        int parallel = Integer.parseInt(args[4]);
        Path keysFile = Path.of(args[5]);
        String agentUrl = args.length > 6 ? ",\"agentUrl\":\"" + args[6] + "\"" : "";
        String run = Long.toString(System.nanoTime(), 36);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<String>> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            lines.add(pool.submit(() -> {
                String token = "bench-token-" + run + "-" + n;
                String body = "{\"name\":\"bench " + n + "\",\"apiUrl\":\"" + apiUrl + "\",\"token\":\"" + token + "\""
                        + agentUrl + "}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(bundle + "/api/v1/channels?activate=true"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Matcher key = WEBHOOK_URL.matcher(response.body());
                if (response.statusCode() != 201 || !ACTIVE.matcher(response.body()).find() || !key.find()) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println("channel " + n + " not active: HTTP " + response.statusCode() + " " + response.body());
                    }
                    return null;
                }
                return key.group(1) + " " + md5(token);
            }));
        }
        List<String> keys = new ArrayList<>();
        for (Future<String> line : lines) {
            String value = line.get();
            if (value != null) {
                keys.add(value);
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.write(keysFile, keys);
        System.out.printf(java.util.Locale.ROOT, "channels active=%d failed=%d seconds=%.1f rate=%.0f/s%n",
                keys.size(), failed.get(), seconds, keys.size() / seconds);
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
