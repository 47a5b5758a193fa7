package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.botchannel.chat2desk.ErrorsAsFailures;
import io.botchannel.chat2desk.bounds.AnswerLimit;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import io.botchannel.chat2desk.outbound.RateLimited;
import io.botchannel.chat2desk.store.StoreException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry policy as routes/message-errors.camel.yaml declares it: which failures are tried again
 * later, with which bounds, and which become dead letters at once.
 */
class MessageErrorsTest {

    private static final String FAILING_ROUTE = """
            - route:
                id: failing-call
                routeConfigurationId: message-errors
                from:
                  uri: direct:fail
                  steps:
                    - bean:
                        ref: failure
                        method: raise
            """;

    /** What the policy asked the inbox to do, in place of the real inbox work. */
    public static final class RecordedWork {

        final List<String> calls = new CopyOnWriteArrayList<>();

        public void retryLater(Exchange exchange, int maxAttempts, long initialDelayMs, long maxDelayMs, long maxAgeHours) {
            calls.add("retry " + maxAttempts + " " + initialDelayMs + " " + maxDelayMs + " " + maxAgeHours);
        }

        public void deadLetter(Exchange exchange) {
            calls.add("dead letter");
        }

        public void putBack(Exchange exchange) {
            calls.add("put back");
        }
    }

    /** Throws the exception (or Error) in the body, as a failing call would. */
    public static final class Failure {

        public void raise(Exchange exchange) throws Exception {
            Object failure = exchange.getMessage().getBody();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (Exception) failure;
        }
    }

    private CamelContext context;
    private final RecordedWork work = new RecordedWork();

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:application.properties");
        // as routes/beans.camel.yaml binds it, before the routes are built
        context.getRegistry().bind("errorsAsFailures", new ErrorsAsFailures());
        context.getRegistry().bind("inboxWork", work);
        context.getRegistry().bind("failure", new Failure());
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/message-errors.camel.yaml"),
                ResourceHelper.fromString("failing.camel.yaml", FAILING_ROUTE));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String handling(Throwable failure) {
        work.calls.clear();
        Exchange done = context.createProducerTemplate().send("direct:fail", e -> e.getMessage().setBody(failure));
        assertThat(done.getException()).as("handled by the policy").isNull();
        assertThat(work.calls).hasSize(1);
        return work.calls.get(0);
    }

    private static HttpOperationFailedException answered(int status) {
        return new HttpOperationFailedException("http://c2d.example/v1/messages", status, "", null, Map.of(), "{}");
    }

    @Test
    void rateLimitsServerErrorsAndTimeOutsAreTriedAgainWithTheConfiguredBounds() {
        String retry = "retry 10 1000 300000 24";

        assertThat(handling(answered(429))).isEqualTo(retry);
        assertThat(handling(answered(408))).isEqualTo(retry);
        assertThat(handling(answered(500))).isEqualTo(retry);
        assertThat(handling(answered(503))).isEqualTo(retry);
        // a reply's call fails inside the split over the replies, which wraps its failure
        assertThat(handling(new CamelExchangeException("Multicast processing failed for number 0", null, answered(429))))
                .isEqualTo(retry);
    }

    @Test
    void networkErrorsAndNoAnswerInTimeAreTriedAgain() {
        assertThat(handling(new ConnectException("Connection refused"))).startsWith("retry ");
        assertThat(handling(new SocketTimeoutException("Read timed out"))).startsWith("retry ");
        assertThat(handling(new IOException("Connection reset"))).startsWith("retry ");
        assertThat(handling(new StoreException("the store is busy", null))).startsWith("retry ");
    }

    @Test
    void otherRefusalsAndRepliesThatCannotBeSentAreDeadLettersAtOnce() {
        assertThat(handling(answered(400))).isEqualTo("dead letter");
        assertThat(handling(answered(401))).isEqualTo("dead letter");
        assertThat(handling(answered(404))).isEqualTo("dead letter");
        assertThat(handling(new CamelExchangeException("Multicast processing failed for number 1", null, answered(400))))
                .isEqualTo("dead letter");
        assertThat(handling(new IllegalArgumentException("replies[1].type: must be one of ..."))).isEqualTo("dead letter");
    }

    @Test
    void aReplyNotDueAtItsChannelsRateIsPutBackNotRetriedNorADeadLetter() {
        RateLimited limited = new RateLimited("channel-1", 400_000_000L);

        assertThat(handling(limited)).isEqualTo("put back");
        // a reply's call is limited inside the split over the replies, which wraps it
        assertThat(handling(new CamelExchangeException("Multicast processing failed for number 2", null, limited)))
                .isEqualTo("put back");
    }

    @Test
    void anAnswerPastItsBoundIsADeadLetterAtOnceThoughItIsAnIOException() {
        AnswerTooLarge tooLarge = new AnswerTooLarge(new AnswerLimit(1_048_576, "agent.max-answer-bytes"));

        assertThat(handling(tooLarge)).isEqualTo("dead letter");
        assertThat(handling(new CamelExchangeException("Multicast processing failed for number 0", null, tooLarge)))
                .isEqualTo("dead letter");
    }

    @Test
    void anErrorOfTheProcessIsTriedAgainLaterLikeAnyFailure() {
        assertThat(handling(new OutOfMemoryError("Java heap space"))).isEqualTo("retry 10 1000 300000 24");
        assertThat(handling(new StackOverflowError())).isEqualTo("retry 10 1000 300000 24");
    }
}
