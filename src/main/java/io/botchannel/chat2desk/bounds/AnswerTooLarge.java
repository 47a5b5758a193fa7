package io.botchannel.chat2desk.bounds;

import java.io.IOException;

/**
 * An answer larger than its bound: reading stopped there. An {@link IOException}, since it is what
 * a read of the answer throws; retrying cannot help, so the message routes make it a dead letter.
 */
public class AnswerTooLarge extends IOException {

    private final transient AnswerLimit limit;
    private final String call;

    public AnswerTooLarge(AnswerLimit limit) {
        this(limit, null);
    }

    /** @param call the call that got the answer, e.g. {@code POST /v1/messages}; null where unknown */
    public AnswerTooLarge(AnswerLimit limit, String call) {
        super("the answer has " + limit.exceeded());
        this.limit = limit;
        this.call = call;
    }

    public AnswerLimit limit() {
        return limit;
    }

    /** Whether the failure is an answer past its bound, as thrown or as java.net.http wraps it. */
    public static boolean isCauseOf(Throwable failure) {
        return failure instanceof AnswerTooLarge || failure != null && failure.getCause() instanceof AnswerTooLarge;
    }

    /** The call that got the answer, e.g. {@code POST /v1/messages}, or null. */
    public String call() {
        return call;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // an answer, not a fault of the bundle: its message says all
        return this;
    }
}
