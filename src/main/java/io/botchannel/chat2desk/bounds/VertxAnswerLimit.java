package io.botchannel.chat2desk.bounds;

import java.net.URI;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.DefaultVertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.component.vertx.http.VertxHttpHelper;

/**
 * An {@link AnswerLimit} on the answers of camel-vertx-http calls, for the endpoints that name it
 * ({@code vertxHttpBinding: "#agentAnswers"}). Vert.x's web client would otherwise gather a whole
 * answer in memory, however large: here the answer is gathered up to the bound, and the first
 * byte past it fails the call with {@link AnswerTooLarge}; the rest is not read. Everything else is
 * camel-vertx-http's own binding.
 */
public class VertxAnswerLimit extends DefaultVertxHttpBinding {

    private final AnswerLimit limit;

    /**
     * @param maxBytes the most bytes read of one answer
     * @param key      the configuration key that sets it, named when an answer is refused
     */
    public VertxAnswerLimit(long maxBytes, String key) {
        this.limit = new AnswerLimit(maxBytes, key);
    }

    public AnswerLimit limit() {
        return limit;
    }

    @Override
    public HttpRequest<Buffer> prepareHttpRequest(VertxHttpEndpoint endpoint, Exchange exchange) throws Exception {
        if (!endpoint.isStarted()) {
            // the first calls to a new address can find its endpoint registered but still starting
            // (no web client yet): wait for that start to finish
            endpoint.start();
        }
        HttpRequest<Buffer> request = super.prepareHttpRequest(endpoint, exchange);
        URI uri = VertxHttpHelper.resolveHttpURI(exchange, endpoint);
        // the binding addresses a URI with a port by host and port alone, which Vert.x takes for
        // plain HTTP: an https address with a port must still be called over TLS
        request.ssl("https".equalsIgnoreCase(uri.getScheme()));
        String call = request.method() + " " + request.uri();
        return request.as(codec(call));
    }

    /** A body codec that gathers at most the bound, for the call named in its failure. */
    BodyCodec<Buffer> codec(String call) {
        return new BodyCodec<>() {
            @Override
            public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
                handler.handle(Future.succeededFuture(new Gathered(call)));
            }
        };
    }

    /** The answer's bytes so far; failed, and deaf to more, once past the bound. */
    private final class Gathered implements BodyStream<Buffer> {

        private final String call;
        private final Promise<Buffer> result = Promise.promise();
        private Buffer gathered = Buffer.buffer();

        Gathered(String call) {
            this.call = call;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            return add(data) ? Future.succeededFuture() : Future.failedFuture(result.future().cause());
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        /**
         * Gathers the data; false once past the bound: the write then fails, which ends the pipe from
         * the answer and with it the call, so the rest is not read.
         */
        private boolean add(Buffer data) {
            if (gathered == null) {
                return false;
            }
            if (gathered.length() + (long) data.length() > limit.maxBytes()) {
                gathered = null;
                result.tryFail(new AnswerTooLarge(limit, call));
                return false;
            }
            gathered.appendBuffer(data);
            return true;
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            if (gathered != null) {
                result.tryComplete(gathered);
            }
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public Future<Void> end() {
            end((Handler<AsyncResult<Void>>) null);
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
