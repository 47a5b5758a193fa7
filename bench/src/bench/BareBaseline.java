package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

/**
 * The physical limit of a webhook receiver on this machine: Vert.x reads the body, Jackson parses
 * it, 200 with a small JSON answer. One server verticle per core, as Vert.x applications do.
 * Usage: BareBaseline port
 */
public final class BareBaseline extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;

    private BareBaseline(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new BareBaseline(port),
                        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("bare baseline listening on " + port);
    }

    @Override
    public void start() {
        vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                JSON.readTree(body.getBytes());
                request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ok\"}");
            } catch (Exception e) {
                request.response().setStatusCode(400).end("{\"error\":\"not JSON\"}");
            }
        })).listen(port, "127.0.0.1");
    }
}
