package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * An Error in a step (here on a worker like the message workers: one SEDA consumer) fails its
 * exchange for the error handler, and the worker goes on with the next one. Without it, the Error
 * ends the worker's thread: the next message waits for ever.
 */
class ErrorsAsFailuresTest {

    @Test
    void anErrorFailsItsExchangeForTheErrorHandlerAndTheWorkerTakesTheNextOne() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> done = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // bound as routes/beans.camel.yaml binds it, before the routes are built
            context.getRegistry().bind("errorsAsFailures", new ErrorsAsFailures());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(RouteError.class).handled(true).process(exchange -> handled.add(
                            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()));
                    from("seda:work?concurrentConsumers=1").routeId("worker")
                            .to("direct:step")
                            .process(exchange -> done.add(exchange.getMessage().getBody(String.class)));
                    from("direct:step").routeId("step").process(exchange -> {
                        if ("explode".equals(exchange.getMessage().getBody(String.class))) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                    });
                }
            });
            context.start();

            context.createProducerTemplate().sendBody("seda:work", "explode");
            context.createProducerTemplate().sendBody("seda:work", "next");

            await().atMost(Duration.ofSeconds(30)).until(() -> done.contains("next"));
            assertThat(handled).containsExactly("OutOfMemoryError: Java heap space");
            assertThat(done).containsExactly("next");
            // Camel's bookkeeping of the failed exchange completed as for any failure
            await().atMost(Duration.ofSeconds(30)).until(() -> context.getInflightRepository().size() == 0);
            assertThat(context.getInflightRepository().size("step")).isZero();
        }
    }
}
