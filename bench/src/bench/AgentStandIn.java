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
 * An instant Agent: {@code GET /status} is trained, {@code POST /messages} answers one text reply
 * that repeats the client's text (and with it the load script's timestamp) after some markup.
 */
final class AgentStandIn {

    private final ObjectMapper json = new ObjectMapper();

    static Future<HttpServer> start(Vertx vertx, int port) {
        AgentStandIn agent = new AgentStandIn();
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(agent::handle)
                .listen();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.endsWith("/status")) {
                answer(request, 200, "{\"trained\":true}");
            } else if (path.endsWith("/messages")) {
                try {
                    JsonNode message = json.readTree(body.getBytes());
                    String text = message.path("text").asText("");
                    answer(request, 200, json.writeValueAsString(
                            Map.of("replies", List.of(Map.of("type", "text", "text", "You wrote: " + text)))));
                } catch (Exception e) {
                    answer(request, 400, "{\"error\":\"not JSON\"}");
                }
            } else {
                answer(request, 404, "{\"error\":\"not found\"}");
            }
        });
    }

    private static void answer(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
