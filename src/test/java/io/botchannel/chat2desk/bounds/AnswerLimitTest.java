package io.botchannel.chat2desk.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer is read up to its bound and no further, through camel-http (the Agent's and the
 * outbound Chat2Desk calls) and through java.net.http (the checks, the operator lookup): an answer
 * that says it is larger is refused before its body is read, one that turns out larger is cut off
 * at the bound and its connection dropped rather than drained, and a small compressed answer that
 * grows past the bound is refused as well.
 */
class AnswerLimitTest {

    private static final int LIMIT = 64 * 1024;

    private HttpServer server;
    private final AtomicLong endlessWritten = new AtomicLong();
    private final AtomicBoolean endlessCutOff = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        byte[] small = "{\"replies\":[]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/small", exchange -> answer(exchange, small));
        server.createContext("/at-the-bound", exchange -> answer(exchange, new byte[LIMIT]));
        server.createContext("/one-byte-over", exchange -> answer(exchange, new byte[LIMIT + 1]));
        server.createContext("/declared-large", exchange -> {
            // says 10 MB, then sends nothing: only a client that believes it answers at once
            exchange.sendResponseHeaders(200, 10_000_000);
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    endlessWritten.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                endlessCutOff.set(true);
            }
        });
        server.createContext("/gzip-bomb", exchange -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(new byte[16 * LIMIT]);
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            answer(exchange, zipped.toByteArray());
        });
        server.start();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("answers", new VertxAnswerLimit(LIMIT, "agent.max-answer-bytes"));
        camel.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        camel.stop();
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A call as the routes make it: camel-vertx-http with the bound as its binding. */
    private Exchange camelHttp(String path) {
        return camel.createProducerTemplate().send("vertx-http:" + url(path) + "?vertxHttpBinding=#answers&timeout=60000",
                exchange -> exchange.getMessage().setBody(""));
    }

    @Test
    void camelHttpReadsAnAnswerUpToTheBound() {
        assertThat(camelHttp("/small").getMessage().getBody(String.class)).isEqualTo("{\"replies\":[]}");
        assertThat(camelHttp("/at-the-bound").getMessage().getBody(byte[].class)).hasSize(LIMIT);
    }

    @Test
    void camelHttpRefusesAnAnswerPastTheBoundNamingTheKey() {
        for (String path : new String[] {"/one-byte-over", "/declared-large"}) {
            Exception failure = camelHttp(path).getException();
            assertThat(failure).as(path).isInstanceOf(AnswerTooLarge.class)
                    .hasMessageContaining("more than 65536 bytes (agent.max-answer-bytes)");
        }
        // no compression is asked for, and an answer compressed anyway is not expanded
        assertThat(camelHttp("/gzip-bomb").getMessage().getBody(byte[].class)).hasSizeLessThan(LIMIT);
    }

    @Test
    void camelHttpDropsAnEndlessAnswerInsteadOfReadingOn() {
        Exception failure = camelHttp("/endless").getException();

        assertThat(failure).isInstanceOf(AnswerTooLarge.class);
        // the sender finds the connection gone: nobody reads the rest, however long it is
        await().atMost(Duration.ofSeconds(30)).untilTrue(endlessCutOff);
        assertThat(endlessWritten.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void javaHttpClientReadsUpToTheBoundAndRefusesMore() throws Exception {
        AnswerLimit limit = new AnswerLimit(LIMIT, "chat2desk.max-answer-bytes");
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(get("/small"), limit.asString()).body()).isEqualTo("{\"replies\":[]}");
        assertThat(http.send(get("/at-the-bound"), limit.asString()).body()).hasSize(LIMIT);
        for (String path : new String[] {"/one-byte-over", "/declared-large", "/endless"}) {
            assertThatThrownBy(() -> http.send(get(path), limit.asString())).as(path)
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e instanceof AnswerTooLarge ? e : e.getCause())
                            .isInstanceOf(AnswerTooLarge.class)
                            .hasMessage("the answer has more than 65536 bytes (chat2desk.max-answer-bytes)"));
        }
        await().atMost(Duration.ofSeconds(30)).untilTrue(endlessCutOff);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build();
    }
}
