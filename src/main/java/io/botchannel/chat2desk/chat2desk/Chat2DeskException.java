package io.botchannel.chat2desk.chat2desk;

/** A Chat2Desk API call failed; the message says what Chat2Desk (or the network) answered. */
public class Chat2DeskException extends RuntimeException {

    private final int status;

    /** No answer came (timeout, unreachable host, unusable URL). */
    public Chat2DeskException(String message) {
        this(message, 0);
    }

    public Chat2DeskException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status Chat2Desk answered with, 0 when it did not answer. */
    public int status() {
        return status;
    }
}
