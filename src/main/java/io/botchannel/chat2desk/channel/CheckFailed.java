package io.botchannel.chat2desk.channel;

/**
 * A check failed; its message says what was found and what to fix. Check routes throw it (in Java
 * or with {@code throwException}), and the error handler of {@code routes/activation-checks.camel.yaml}
 * records it under the check's route id and stops the chain.
 */
public class CheckFailed extends RuntimeException {

    public CheckFailed(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // An answer about the channel, not a fault: no stack trace to build
        return this;
    }
}
