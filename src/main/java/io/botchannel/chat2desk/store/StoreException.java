package io.botchannel.chat2desk.store;

/** The store could not do what was asked (connection lost, constraint broken, unreadable row). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
