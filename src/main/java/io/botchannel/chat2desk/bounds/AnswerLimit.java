package io.botchannel.chat2desk.bounds;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The most bytes the bundle reads of one answer from the other side (the Agent, Chat2Desk), so that
 * whatever it answers, no more than this is ever held: a larger answer fails with
 * {@link AnswerTooLarge} as soon as it is known to be larger (its Content-Length, or the first byte
 * past the bound), and the rest is not read. Independent of any HTTP client: a client's adapter
 * ({@link VertxAnswerLimit} for camel-vertx-http, {@link #asString()} for java.net.http) bounds its reads with it.
 */
public final class AnswerLimit {

    private final long maxBytes;
    private final String key;

    /**
     * @param maxBytes the bound, at least 1
     * @param key      the configuration key that sets it, named in the failure; null where there is none
     */
    public AnswerLimit(long maxBytes, String key) {
        if (maxBytes < 1) {
            String name = key == null ? "the answer bound" : key;
            throw new IllegalArgumentException(name + ": must be at least 1 byte, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.key = key;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public String key() {
        return key;
    }

    /** What an answer past the bound has: {@code more than 1048576 bytes (agent.max-answer-bytes)}. */
    public String exceeded() {
        return "more than " + maxBytes + " bytes" + (key == null ? "" : " (" + key + ")");
    }

    /**
     * Refuses an answer that says it is larger before any of it is read; -1 is an unknown length.
     *
     * @param call the call that got the answer, named in the failure ({@code POST /v1/messages}); may be null
     */
    public void checkDeclaredLength(long contentLength, String call) throws AnswerTooLarge {
        if (contentLength > maxBytes) {
            throw new AnswerTooLarge(this, call);
        }
    }

    /**
     * The answer's bytes, read up to the bound: a read past it throws {@link AnswerTooLarge}, and
     * {@code onTooLarge} runs first (e.g. to drop the connection rather than drain the rest of it).
     */
    public InputStream bounded(InputStream answer, Runnable onTooLarge, String call) {
        return new Bounded(answer, onTooLarge, call);
    }

    /**
     * A java.net.http body handler that reads the answer as UTF-8 text, up to the bound: a larger
     * one cancels the exchange (the rest is not received) and fails with {@link AnswerTooLarge}.
     */
    public HttpResponse.BodyHandler<String> asString() {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new BoundedText(declared > maxBytes);
        };
    }

    private final class Bounded extends FilterInputStream {

        private final Runnable onTooLarge;
        private final String call;
        private long read;

        Bounded(InputStream in, Runnable onTooLarge, String call) {
            super(in);
            this.onTooLarge = onTooLarge;
            this.call = call;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws AnswerTooLarge {
            read += n;
            if (read > maxBytes) {
                onTooLarge.run();
                throw new AnswerTooLarge(AnswerLimit.this, call);
            }
        }
    }

    /** Collects the body up to the bound; past it, cancels the subscription and fails. */
    private final class BoundedText implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final boolean declaredTooLarge;
        private Flow.Subscription subscription;

        BoundedText(boolean declaredTooLarge) {
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredTooLarge) {
                tooLarge();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }

        private void tooLarge() {
            subscription.cancel();
            result.completeExceptionally(new AnswerTooLarge(AnswerLimit.this));
        }
    }
}
