package io.botchannel.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.botchannel.chat2desk.webhook.WebhookSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What a webhook's signature check costs: key from the token (MD5) and HMAC-SHA256 over the inbox body of the API reference. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookSignatureBenchmark {

    private static final byte[] BODY = ("{\"message_id\":28780,\"type\":\"from_client\",\"text\":\"test7\",\"transport\":\"widget\","
            + "\"client_id\":12568,\"operator_id\":null,\"dialog_id\":942,\"channel_id\":1,\"photo\":null,\"coordinates\":null,"
            + "\"audio\":null,\"pdf\":null,\"client\":{\"id\":12568,\"phone\":\"[chat] 1d0bb2e221762cfcc05c\",\"client_phone\":null,"
            + "\"name\":\"[chat] 1d0bb2e221762cfcc05c\",\"assigned_name\":null,\"external_id\":null},\"hook_type\":\"inbox\","
            + "\"request_id\":5357,\"attachments\":[],\"is_new_request\":false,\"is_new_client\":false,\"insta_comment\":false,"
            + "\"extra_data\":{},\"is_new\":true,\"event_time\":\"2025-04-03T11:50:06.984494Z\"}").getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public String keyAndSign() {
        return WebhookSignature.sign(WebhookSignature.keyFor("bench-token"), BODY, "1743681006");
    }
}
