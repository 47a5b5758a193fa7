package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.botchannel.chat2desk.RouteError;
import io.botchannel.chat2desk.bounds.AnswerLimit;
import io.botchannel.chat2desk.bounds.AnswerTooLarge;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A dead letter's reason, which is also logged: what failed in words, and never the channel's token. */
class FailureReasonTest {

    private static final String TOKEN = "c2d-token-0123456789abcdef";
    private static final String AGENT_CALL = "http://127.0.0.1:9/agent/messages?connectTimeout=5000"
            + "&httpClientConfigurer=%23agentAnswers&httpMethod=POST&responseTimeout=30000";

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    FailureReasonTest() {
        exchange.setProperty("channel", new Channel("c1", "k", "n", "http://c2d.example/v1", TOKEN, null, false,
                null, true, null, null, null, null, new Channel.Options(null, true, false)));
        exchange.setProperty(Exchange.FAILURE_ENDPOINT, AGENT_CALL);
    }

    @Test
    void anAnswerThatRepeatsTheRequestShowsTheSharedTokenMasked() {
        // e.g. a validation error quoting the request, whose context carries channel_webhook_token
        String echoed = "{\"detail\":\"bad request\",\"input\":{\"context\":{\"channel_webhook_token\":\"" + TOKEN
                + "\"},\"key\":\"" + WebhookSignature.keyFor(TOKEN) + "\"}}";
        HttpOperationFailedException refused = new HttpOperationFailedException("http://127.0.0.1:9/agent/messages",
                422, "", null, Map.of(), echoed);

        String reason = FailureReason.of(exchange, refused);

        assertThat(reason).startsWith("POST /agent/messages answered 422: {\"detail\":\"bad request\"")
                .contains("\"channel_webhook_token\":\"****cdef\"")
                .doesNotContain(TOKEN, WebhookSignature.keyFor(TOKEN));
    }

    @Test
    void anAnswerPastItsBoundAndAnErrorOfTheProcessSayWhatHappenedToWhichCall() {
        AnswerTooLarge tooLarge = new AnswerTooLarge(new AnswerLimit(1_048_576, "agent.max-answer-bytes"));

        assertThat(FailureReason.of(exchange, tooLarge)).isEqualTo(
                "POST /agent/messages failed: the answer has more than 1048576 bytes (agent.max-answer-bytes)");
        assertThat(FailureReason.of(exchange, new RouteError(new OutOfMemoryError("Java heap space"))))
                .isEqualTo("POST /agent/messages failed: OutOfMemoryError: Java heap space");
        // a reply's call fails inside the split over the replies, which wraps it: the answer names its call
        AnswerTooLarge replyCall = new AnswerTooLarge(new AnswerLimit(4096, "chat2desk.max-answer-bytes"),
                "POST /v1/messages");
        exchange.removeProperty(Exchange.FAILURE_ENDPOINT);
        assertThat(FailureReason.of(exchange, new CamelExchangeException("Multicast processing failed", null,
                replyCall))).isEqualTo(
                "POST /v1/messages failed: the answer has more than 4096 bytes (chat2desk.max-answer-bytes)");
    }
}
