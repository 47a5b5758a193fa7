package io.botchannel.chat2desk.bounds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;

/**
 * An {@link AnswerLimit} on the answers of camel-http calls, for the endpoints that name it
 * ({@code httpClientConfigurer: "#agentAnswers"}). Each answer's body is read through the bound,
 * whether camel-http reads it as the result or as the text of a refusal; past the bound the
 * connection is dropped rather than drained. It sees the answer after Apache HttpClient has
 * decompressed it, so a small compressed answer cannot grow past the bound either.
 */
public class HttpAnswerLimit implements HttpClientConfigurer {

    private final AnswerLimit limit;

    /**
     * @param maxBytes the most bytes read of one answer
     * @param key      the configuration key that sets it, named when an answer is refused
     */
    public HttpAnswerLimit(long maxBytes, String key) {
        this.limit = new AnswerLimit(maxBytes, key);
    }

    public AnswerLimit limit() {
        return limit;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // first in the chain, so outside the decompression: the bound counts the bytes as read
        builder.addExecInterceptorFirst("bounded-answer", this::bounded);
    }

    private ClassicHttpResponse bounded(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return response;
        }
        Runnable drop = () -> {
            if (response instanceof ModalCloseable closeable) {
                closeable.close(CloseMode.IMMEDIATE);
            }
        };
        String call = request.getMethod() + " " + request.getPath();
        try {
            limit.checkDeclaredLength(entity.getContentLength(), call);
        } catch (AnswerTooLarge e) {
            drop.run();
            throw e;
        }
        response.setEntity(new BoundedEntity(entity, drop, call));
        return response;
    }

    private final class BoundedEntity extends HttpEntityWrapper {

        private final Runnable drop;
        private final String call;
        private volatile boolean dropped;

        BoundedEntity(HttpEntity wrapped, Runnable drop, String call) {
            super(wrapped);
            this.call = call;
            this.drop = () -> {
                dropped = true;
                drop.run();
            };
        }

        @Override
        public InputStream getContent() throws IOException {
            return limit.bounded(super.getContent(), drop, call);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            // a dropped connection has nothing left to close; draining it would read the rest
            if (!dropped) {
                super.close();
            }
        }
    }
}
