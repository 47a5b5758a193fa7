package io.botchannel.chat2desk.sandbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client's dialog: who handles it and whether it is open. Each opening starts a new request
 * (Chat2Desk's "обращение"). Guarded by the lock of its {@link Conversations}.
 */
final class Dialog {

    static final String OPEN = "open";
    static final String CLOSED = "closed";

    final long id;
    final long clientId;
    String state = OPEN;
    Long operatorId;
    Instant begin;
    Instant end;
    long requestId;
    int messages;
    Message lastMessage;

    Dialog(long id, long clientId, Long operatorId, long requestId, Instant begin) {
        this.id = id;
        this.clientId = clientId;
        this.operatorId = operatorId;
        this.requestId = requestId;
        this.begin = begin;
    }

    boolean isOpen() {
        return OPEN.equals(state);
    }

    /** The dialog object of {@code GET /dialogs}. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("state", state);
        json.put("begin", Message.isoSeconds(begin));
        json.put("end", end == null ? null : Message.isoSeconds(end));
        json.put("operator_id", operatorId);
        json.put("client_id", clientId);
        json.set("last_message", lastMessage == null ? null : lastMessage.toJson());
        json.put("last_request_id", requestId);
        json.put("messages", messages);
        return json;
    }
}
