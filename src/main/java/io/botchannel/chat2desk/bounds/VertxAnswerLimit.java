package io.botchannel.chat2desk.bounds;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.HttpRequestImpl;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.DefaultVertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.component.vertx.http.VertxHttpHelper;
import org.apache.camel.util.ObjectHelper;

/**
 * An {@link AnswerLimit} on the answers of camel-vertx-http calls, for the endpoints that name it
 * ({@code vertxHttpBinding: "#agentAnswers"}). Vert.x's web client would otherwise gather a whole
 * answer in memory, however large: here the answer is gathered up to the bound, and the first
 * byte past it fails the call with {@link AnswerTooLarge}; the rest is not read. Everything else is
 * camel-vertx-http's own binding.
 */
public class VertxAnswerLimit extends DefaultVertxHttpBinding {

    /** The endpoint's own web client: protected in camel-vertx-http, so reached by reflection. */
    private static final Method WEB_CLIENT;

    static {
        try {
            WEB_CLIENT = VertxHttpEndpoint.class.getDeclaredMethod("getWebClient");
            WEB_CLIENT.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AnswerLimit limit;
    /** The web clients whose answers this bound watches. */
    private final Map<WebClientInternal, Boolean> watched = Collections.synchronizedMap(new WeakHashMap<>());

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
        watch(endpoint);
        HttpRequest<Buffer> request = super.prepareHttpRequest(endpoint, exchange);
        URI uri = VertxHttpHelper.resolveHttpURI(exchange, endpoint);
        // the binding addresses a URI with a port by host and port alone, which Vert.x takes for
        // plain HTTP: an https address with a port must still be called over TLS
        request.ssl("https".equalsIgnoreCase(uri.getScheme()));
        String call = request.method() + " " + request.uri();
        return request.as(codec(call));
    }

    @Override
    public void handleResponse(VertxHttpEndpoint endpoint, Exchange exchange,
                               AsyncResult<HttpResponse<Buffer>> response) throws Exception {
        super.handleResponse(endpoint, exchange, response);
        // the dropped connection's failure carries the reason it was dropped: that is the failure
        AnswerTooLarge tooLarge = ObjectHelper.getException(AnswerTooLarge.class, exchange.getException());
        if (tooLarge != null) {
            exchange.setException(tooLarge);
        }
    }

    /**
     * Has the endpoint's web client show each answer to {@link #answerArrives} before its body is read.
     * The endpoint keeps its client to itself, so it is taken by reflection, once per client.
     */
    private void watch(VertxHttpEndpoint endpoint) throws ReflectiveOperationException {
        Object client = WEB_CLIENT.invoke(endpoint);
        if (client instanceof WebClientInternal internal && watched.put(internal, Boolean.TRUE) == null) {
            internal.addInterceptor(this::answerArrives);
        }
    }

    /**
     * An answer's head has arrived: one that says it is larger than the bound is refused at once, and
     * the connection dropped; otherwise its codec is told the answer, to drop it past the bound.
     */
    private void answerArrives(HttpContext<?> context) {
        if (context.phase() == ClientPhase.RECEIVE_RESPONSE && context.request() instanceof HttpRequestImpl<?> request
                && request.bodyCodec() instanceof Bounded codec) {
            HttpClientResponse answer = context.clientResponse();
            codec.answer = answer;
            String length = answer.getHeader("Content-Length");
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > limit.maxBytes()) {
                AnswerTooLarge tooLarge = new AnswerTooLarge(limit, codec.call);
                answer.request().reset(0, tooLarge);
                context.fail(tooLarge);
                return;
            }
        }
        context.next();
    }

    /** A body codec that gathers at most the bound, for the call named in its failure. */
    BodyCodec<Buffer> codec(String call) {
        return new Bounded(call);
    }

    private final class Bounded implements BodyCodec<Buffer> {

        private final String call;
        /** The answer being read, once its head arrived: dropped past the bound. */
        private volatile HttpClientResponse answer;

        Bounded(String call) {
            this.call = call;
        }

        @Override
        public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
            handler.handle(Future.succeededFuture(new Gathered(this)));
        }
    }

    /** The answer's bytes so far; failed, and deaf to more, once past the bound. */
    private final class Gathered implements BodyStream<Buffer> {

        private final Bounded codec;
        private final Promise<Buffer> result = Promise.promise();
        private Buffer gathered = Buffer.buffer();

        Gathered(Bounded codec) {
            this.codec = codec;
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
                AnswerTooLarge tooLarge = new AnswerTooLarge(limit, codec.call);
                result.tryFail(tooLarge);
                HttpClientResponse answer = codec.answer;
                if (answer != null) {
                    answer.request().reset(0, tooLarge); // the connection is closed, not drained
                }
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
