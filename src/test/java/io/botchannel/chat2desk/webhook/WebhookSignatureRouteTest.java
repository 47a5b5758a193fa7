package io.botchannel.chat2desk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelInput;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signature check as a YAML route step calls it: the channel from the exchange property, the
 * headers, and the body as platform-http hands it over (a Vert.x buffer of the bytes received).
 */
class WebhookSignatureRouteTest {

    private static final String ROUTES = """
            - route:
                id: verify-optional
                from:
                  uri: direct:optional
                  steps:
                    - bean:
                        id: verify-signature
                        ref: webhookSignature
                        method: verify
            - route:
                id: verify-required
                from:
                  uri: direct:required
                  steps:
                    - bean:
                        id: verify-signature-required
                        ref: webhookSignature
                        method: "verify(${exchangeProperty.channel}, true, ${headers}, ${body})"
            """;

    private static final String TOKEN = "route-test-token";

    private CamelContext context;
    private ProducerTemplate producer;
    private final Channel channel = ChannelInput.parse("{\"apiUrl\":\"http://127.0.0.1:9/v1\",\"token\":\"" + TOKEN + "\"}")
            .toNewChannel("channel-1", "key-1", Instant.now());

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("webhookSignature", new WebhookSignature("X-Signature", "X-Timestamp"));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("signature.yaml", ROUTES));
        context.start();
        producer = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange post(String endpoint, byte[] body, Map<String, Object> headers) {
        return producer.send(endpoint, exchange -> {
            exchange.setProperty("channel", channel);
            exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
            exchange.getMessage().setBody(Buffer.buffer(body));
        });
    }

    private static Map<String, Object> signed(byte[] body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return Map.of("x-signature", WebhookSignature.sign(WebhookSignature.keyFor(TOKEN), body, timestamp),
                "x-timestamp", timestamp);
    }

    @Test
    void aSignedBodyOfAnyBytesPassesBothCalls() {
        byte[] body = {'{', '"', 'x', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'};

        for (String endpoint : new String[] {"direct:optional", "direct:required"}) {
            Exchange exchange = post(endpoint, body, signed(body));

            assertThat(exchange.getException()).as(endpoint).isNull();
            // the step leaves the body as it was
            assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo(body);
        }
    }

    @Test
    void aWrongSignatureIsA401ForTheErrorRoutes() {
        byte[] body = "{\"hook_type\":\"inbox\"}".getBytes();
        Map<String, Object> headers = Map.of("X-Signature", "0".repeat(64),
                "X-Timestamp", String.valueOf(Instant.now().getEpochSecond()));

        for (String endpoint : new String[] {"direct:optional", "direct:required"}) {
            ApiError error = post(endpoint, body, headers).getException(ApiError.class);

            assertThat(error).as(endpoint).isNotNull();
            assertThat(error.getStatus()).isEqualTo(401);
        }
    }

    @Test
    void anUnsignedWebhookPassesOnlyTheOptionalCall() {
        byte[] body = "{\"hook_type\":\"inbox\"}".getBytes();

        assertThat(post("direct:optional", body, Map.of()).getException()).isNull();
        assertThat(post("direct:required", body, Map.of()).getException(ApiError.class)).isNotNull();
    }
}
