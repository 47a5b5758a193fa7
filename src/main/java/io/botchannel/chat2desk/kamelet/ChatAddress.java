package io.botchannel.chat2desk.kamelet;

import java.util.Map;

import io.botchannel.chat2desk.chat.Chat;
import org.apache.camel.Headers;

/**
 * Where a Kamelet's reply or hand-over goes, read from the headers that {@code chat2desk-source}
 * puts on each event: {@code chat-id} (Chat2Desk's {@code client_id}), {@code message-id} (the
 * client's message, which a transfer names), {@code transport}, {@code channel-id} and
 * {@code dialog-id}. Only {@code chat-id} is required: a route that writes first sets it alone.
 * Each may also come as its CloudEvents alias ({@code ce-chat-id}, ...), as the Kamelet catalog's
 * sources set them beside their own headers; the plain header wins.
 */
public final class ChatAddress {

    public static final String CHAT_ID = "chat-id";
    public static final String MESSAGE_ID = "message-id";
    public static final String TRANSPORT = "transport";
    public static final String CHANNEL_ID = "channel-id";
    public static final String DIALOG_ID = "dialog-id";
    /** The prefix of a header's CloudEvents alias. */
    public static final String CLOUD_EVENTS = "ce-";

    private ChatAddress() {
    }

    /** The chat the headers name, as the outbound classes address it; a missing or bad chat-id is refused. */
    public static Chat of(@Headers Map<String, Object> headers) {
        Long clientId = id(headers, CHAT_ID);
        if (clientId == null) {
            throw new IllegalArgumentException(CHAT_ID + ": header is required (the Chat2Desk client_id of the chat)");
        }
        Object transport = header(headers, TRANSPORT);
        return new Chat(null, clientId, transport == null || transport.toString().isBlank() ? null : transport.toString().trim(),
                id(headers, CHANNEL_ID), id(headers, DIALOG_ID), id(headers, MESSAGE_ID), null, false);
    }

    static Long id(Map<String, Object> headers, String name) {
        return number(header(headers, name), name + " header");
    }

    /** The header, else its {@code ce-} alias. */
    static Object header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null || value.toString().isBlank() ? headers.get(CLOUD_EVENTS + name) : value;
    }

    /** A Chat2Desk id: a positive number; null or blank mean none. */
    static Long number(Object value, String what) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.toString().trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + ": must be a positive number, not " + value);
    }
}
