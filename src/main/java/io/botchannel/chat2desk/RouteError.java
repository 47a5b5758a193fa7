package io.botchannel.chat2desk;

/**
 * An {@link Error} that a step of a route threw (an OutOfMemoryError, a StackOverflowError, ...),
 * as the exception that fails the exchange ({@link ErrorsAsFailures}); its message is the Error's
 * type and message, e.g. {@code OutOfMemoryError: Java heap space}.
 */
public class RouteError extends Exception {

    public RouteError(Error cause) {
        super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
