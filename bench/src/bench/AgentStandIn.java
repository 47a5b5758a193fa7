package bench;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Agent: {@code GET /status} is trained, {@code POST /messages} answers one text reply that
 * repeats the client's text (and with it the load script's timestamp) after some markup. Under a
 * base path {@code /after/<ms>} (an {@code agentUrl} of {@code http://host:port/after/2000}) it
 * answers after that many milliseconds, from a timer: a waiting request holds no thread, so
 * thousands can wait at once and the stand-in is not the limit of an Agent that thinks for seconds.
 * It counts the {@code /messages} requests open at once; {@code GET /bench/agent} reports them and
 * the most seen since {@code GET /bench/agent-mark}. Everything runs on one event loop, so the
 * counters need no locks.
 */
final class AgentStandIn {

    private static final String AFTER = "/after/";

    private final ObjectMapper json = new ObjectMapper();
    private final Vertx vertx;
    private long open;
    private long peak;
    private long answered;

    private AgentStandIn(Vertx vertx) {
        this.vertx = vertx;
    }

    static Future<HttpServer> start(Vertx vertx, int port) {
        AgentStandIn agent = new AgentStandIn(vertx);
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setAcceptBacklog(8192))
                .requestHandler(agent::handle)
                .listen();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/bench/agent")) {
            answer(request, 200, "{\"open\":" + open + ",\"peak\":" + peak + ",\"answered\":" + answered + "}");
            return;
        }
        if (path.equals("/bench/agent-mark")) {
            peak = open;
            answer(request, 200, "{\"open\":" + open + "}");
            return;
        }
        boolean message = path.endsWith("/messages");
        if (message) {
            open++;
            peak = Math.max(peak, open);
        }
        request.body().onSuccess(body -> {
            if (path.endsWith("/status")) {
                answer(request, 200, "{\"trained\":true}");
            } else if (message) {
                String reply;
                try {
                    JsonNode in = json.readTree(body.getBytes());
                    String text = in.path("text").asText("");
                    reply = json.writeValueAsString(
                            Map.of("replies", List.of(Map.of("type", "text", "text", "You wrote: " + text))));
                } catch (Exception e) {
                    done(request, 400, "{\"error\":\"not JSON\"}");
                    return;
                }
                long delay = delay(path);
                if (delay > 0) {
                    vertx.setTimer(delay, t -> done(request, 200, reply));
                } else {
                    done(request, 200, reply);
                }
            } else {
                answer(request, 404, "{\"error\":\"not found\"}");
            }
        }).onFailure(e -> {
            if (message) {
                open--;
            }
        });
    }

    /** The milliseconds of {@code /after/<ms>/...}, 0 without that prefix. */
    private static long delay(String path) {
        if (!path.startsWith(AFTER)) {
            return 0;
        }
        int end = path.indexOf('/', AFTER.length());
        try {
            return Long.parseLong(path.substring(AFTER.length(), end < 0 ? path.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void done(HttpServerRequest request, int status, String body) {
        open--;
        answered++;
        answer(request, status, body);
    }

    private static void answer(HttpServerRequest request, int status, String body) {
        if (!request.response().closed()) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        }
    }
}
