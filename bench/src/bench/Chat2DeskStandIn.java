package bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * An instant-answering Chat2Desk: {@code POST /v1/messages} answers the 8-field success of the
 * API, {@code GET /v1/companies/api_info} and {@code GET/POST/PUT/DELETE /v1/webhooks} let channels
 * activate. It counts accepted messages and, where a message's text carries {@code ts:<epoch ms>}
 * (put there by the load script), the time from webhook to reply.
 * {@code GET /bench/mark} starts a window (latencies cleared); {@code GET /bench/stats} reports it.
 * The same API under {@code /lane/<name>/v1} (a channel's {@code apiUrl}) is counted in the
 * window as usual and, besides, in that lane's own: {@code GET /bench/stats?lane=<name>} reports
 * it, so that one channel's latency can be read among others'.
 * Everything runs on one event loop, so the counters need no locks.
 */
final class Chat2DeskStandIn {

    private static final byte[] MARK = "ts:".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_MS = 120_000;
    private static final String LANE = "/lane/";

    private long messageId = 100_000;
    private long webhookId;
    private final Map<String, List<String>> webhooks = new HashMap<>();
    private final Window all = new Window();
    private final Map<String, Window> lanes = new HashMap<>();

    /** Accepted messages, and the webhook-to-reply times since the last mark. */
    private static final class Window {
        long accepted;
        int[] latency = new int[MAX_MS + 1];
        long count;
        long startNanos = System.nanoTime();
        long acceptedAtStart;

        void mark() {
            latency = new int[MAX_MS + 1];
            count = 0;
            acceptedAtStart = accepted;
            startNanos = System.nanoTime();
        }

        void record(long ms) {
            latency[(int) Math.min(ms, MAX_MS)]++;
            count++;
        }

        String stats() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long inWindow = accepted - acceptedAtStart;
            return String.format(java.util.Locale.ROOT,
                    "{\"accepted\":%d,\"window_accepted\":%d,\"window_s\":%.3f,\"rate\":%.1f,"
                            + "\"timed\":%d,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d}",
                    accepted, inWindow, seconds, inWindow / seconds, count,
                    percentile(0.50), percentile(0.99), percentile(1.0));
        }

        private long percentile(double p) {
            if (count == 0) {
                return -1;
            }
            long rank = Math.max(1, (long) Math.ceil(p * count));
            long seen = 0;
            for (int ms = 0; ms < latency.length; ms++) {
                seen += latency[ms];
                if (seen >= rank) {
                    return ms;
                }
            }
            return MAX_MS;
        }
    }

    static Future<HttpServer> start(Vertx vertx, int port) {
        Chat2DeskStandIn standIn = new Chat2DeskStandIn();
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(standIn::handle)
                .listen();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> answer(request, body));
    }

    private void answer(HttpServerRequest request, Buffer body) {
        String path = request.path();
        Window lane = null;
        if (path.startsWith(LANE)) {
            int end = path.indexOf('/', LANE.length());
            String name = path.substring(LANE.length(), end < 0 ? path.length() : end);
            lane = lanes.computeIfAbsent(name, n -> new Window());
            path = end < 0 ? "/" : path.substring(end);
        }
        String method = request.method().name();
        if (path.equals("/v1/messages") && method.equals("POST")) {
            long ms = latency(body.getBytes());
            all.accepted++;
            if (ms >= 0) {
                all.record(ms);
            }
            if (lane != null) {
                lane.accepted++;
                if (ms >= 0) {
                    lane.record(ms);
                }
            }
            long id = messageId++;
            json(request, 200, "{\"status\":\"success\",\"data\":{\"message_id\":" + id
                    + ",\"channel_id\":17,\"operator_id\":41164,\"transport\":\"whatsapp\",\"type\":\"to_client\","
                    + "\"client_id\":100,\"dialog_id\":4324035,\"request_id\":8725095}}");
        } else if (path.equals("/v1/companies/api_info")) {
            json(request, 200, "{\"status\":\"success\",\"data\":{\"companyID\":1234,\"partnerID\":0,"
                    + "\"company_name\":\"Bench\",\"admin_email\":\"a@b.c\",\"company_mode\":\"full\",\"company_lang\":\"en\"}}");
        } else if (path.equals("/v1/webhooks") && method.equals("GET")) {
            List<String> hooks = webhooks.getOrDefault(token(request), List.of());
            json(request, 200, "{\"status\":\"success\",\"data\":[" + String.join(",", hooks) + "]}");
        } else if (path.equals("/v1/webhooks") && method.equals("POST")) {
            long id = ++webhookId;
            String url = body.toJsonObject().getString("url");
            String hook = "{\"id\":" + id + ",\"url\":\"" + url + "\",\"status\":\"enable\"}";
            webhooks.computeIfAbsent(token(request), t -> new ArrayList<>()).add(hook);
            json(request, 200, "{\"status\":\"success\",\"data\":" + hook + "}");
        } else if (path.startsWith("/v1/webhooks/")) {
            json(request, 200, "{\"status\":\"success\"}");
        } else if (path.equals("/bench/mark")) {
            all.mark();
            lanes.values().forEach(Window::mark);
            json(request, 200, "{\"accepted\":" + all.accepted + "}");
        } else if (path.equals("/bench/stats")) {
            String name = request.getParam("lane");
            Window window = name == null ? all : lanes.computeIfAbsent(name, n -> new Window());
            json(request, 200, window.stats());
        } else {
            json(request, 404, "{\"status\":\"error\",\"message\":\"Page not found\"}");
        }
    }

    /** The milliseconds since {@code ts:<digits>} in the raw body, wherever it is; -1 without one. */
    private static long latency(byte[] body) {
        int at = indexOf(body, MARK);
        if (at < 0) {
            return -1;
        }
        long ts = 0;
        for (int i = at + MARK.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
            ts = ts * 10 + (body[i] - '0');
        }
        return Math.max(0, System.currentTimeMillis() - ts);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String token(HttpServerRequest request) {
        String token = request.getHeader("Authorization");
        return token == null ? "" : token;
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
