package bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Runs the Chat2Desk stand-in and the Agent stand-in in one small JVM, each server on its own
 * event loop, so that together they cost the bundle as little CPU as possible.
 * Usage: StandIns chat2deskPort agentPort
 */
public final class StandIns {

    private StandIns() {
    }

    public static void main(String[] args) throws Exception {
        int chat2deskPort = Integer.parseInt(args[0]);
        int agentPort = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        Chat2DeskStandIn.start(vertx, chat2deskPort).toCompletionStage().toCompletableFuture().get();
        AgentStandIn.start(vertx, agentPort).toCompletionStage().toCompletableFuture().get();
        System.out.println("stand-ins listening: chat2desk " + chat2deskPort + ", agent " + agentPort);
    }
}
