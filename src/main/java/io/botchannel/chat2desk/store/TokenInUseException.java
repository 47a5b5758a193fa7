package io.botchannel.chat2desk.store;

/** The store refused to activate a channel because another active channel has the same token. */
public class TokenInUseException extends RuntimeException {

    public TokenInUseException(String message) {
        super(message);
    }
}
