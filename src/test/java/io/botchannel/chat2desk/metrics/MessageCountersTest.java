package io.botchannel.chat2desk.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.ChannelInput;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MessageCountersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MessageCounters counters = new MessageCounters(registry);

    private static Channel channel(String id) {
        return ChannelInput.parse("{\"apiUrl\":\"http://127.0.0.1:9/v1\",\"token\":\"t\"}")
                .toNewChannel(id, "key-" + id, Instant.now());
    }

    @Test
    void eachCounterIsASeriesPerChannel() {
        Channel one = channel("one");
        Channel two = channel("two");

        counters.received(one);
        counters.received(one);
        counters.received(two);
        counters.sent(one);

        assertThat(registry.scrape())
                .contains("chat2desk_messages_received_total{channel=\"one\"} 2.0")
                .contains("chat2desk_messages_received_total{channel=\"two\"} 1.0")
                .contains("chat2desk_messages_sent_total{channel=\"one\"} 1.0");
    }

    @Test
    void reasonsOutcomesAndCallsAreLabels() {
        Channel one = channel("one");

        counters.dropped(one, "left-to-operator");
        counters.dropped(one, "own-echo");
        counters.agentCall(one, "answered");
        counters.agentCall(one, "failed");
        counters.retry(one, "chat2desk");
        counters.deadLetter(one, "agent");

        assertThat(registry.scrape())
                .contains("chat2desk_messages_dropped_total{channel=\"one\",reason=\"left-to-operator\"} 1.0")
                .contains("chat2desk_messages_dropped_total{channel=\"one\",reason=\"own-echo\"} 1.0")
                .contains("chat2desk_agent_calls_total{channel=\"one\",outcome=\"answered\"} 1.0")
                .contains("chat2desk_agent_calls_total{channel=\"one\",outcome=\"failed\"} 1.0")
                .contains("chat2desk_retries_total{call=\"chat2desk\",channel=\"one\"} 1.0")
                .contains("chat2desk_dead_letters_total{call=\"agent\",channel=\"one\"} 1.0");
    }

    @Test
    void oneChannelsCountersReadAsTotalsAndCountsPerLabel() {
        Channel one = channel("one");
        counters.received(one);
        counters.received(one);
        counters.received(channel("two"));
        counters.sent(one);
        counters.dropped(one, "own-echo");
        counters.dropped(one, "own-echo");
        counters.agentCall(one, "answered");
        counters.deadLetter(one, "chat2desk");

        Map<String, Object> view = counters.of("one");

        assertThat(view).containsEntry("received", 2L).containsEntry("sent", 1L)
                .containsEntry("dropped", Map.of("own-echo", 2L))
                .containsEntry("agentCalls", Map.of("answered", 1L))
                .containsEntry("retries", Map.of())
                .containsEntry("deadLetters", Map.of("chat2desk", 1L));
        assertThat(counters.of("unknown")).containsEntry("received", 0L).containsEntry("dropped", Map.of());
    }

    @Test
    void aLabelCannotGrowIntoFreeText() {
        counters.dropped(channel("one"), "HTTP 400: \"Token is not correct\" for client 12345 at " + "x".repeat(100));
        counters.dropped(null, null);

        String scrape = registry.scrape();
        assertThat(scrape).contains("reason=\"http-400-token-is-not-correct-for-client\"")
                .contains("chat2desk_messages_dropped_total{channel=\"none\",reason=\"unknown\"} 1.0");
    }
}
