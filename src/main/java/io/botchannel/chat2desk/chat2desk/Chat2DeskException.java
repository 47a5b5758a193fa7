package io.botchannel.chat2desk.chat2desk;

/** A Chat2Desk API call failed; the message says what Chat2Desk (or the network) answered. */
public class Chat2DeskException extends RuntimeException {

    public Chat2DeskException(String message) {
        super(message);
    }
}
