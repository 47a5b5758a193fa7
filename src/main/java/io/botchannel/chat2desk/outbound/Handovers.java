package io.botchannel.chat2desk.outbound;

import java.util.LinkedHashMap;
import java.util.Map;

import io.botchannel.chat2desk.chat.Chat;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The Chat2Desk call that hands a chat to a human: a transfer of the client's last incoming
 * message to an operator or a group, or, when no incoming message is known (the Agent wrote
 * first), a change of the dialog's operator.
 */
public class Handovers {

    /**
     * Where a transfer goes: a path under the API URL with its query, and for a dialog change
     * the PUT body (marshalled by the route).
     */
    public record Transfer(String path, String query, boolean viaDialog, Map<String, Object> body, String target) {
    }

    /** The transfer reply that hands a chat to an operator group. */
    public Map<String, Object> toGroup(@Body Long groupId) {
        return Map.of("type", "transfer", "groupId", groupId);
    }

    public Transfer transferOf(@ExchangeProperty("chat") Chat chat, @Body Map<String, Object> reply) {
        Long operatorId = id(reply.get("operatorId"), "operatorId");
        Long groupId = id(reply.get("groupId"), "groupId");
        if ((operatorId == null) == (groupId == null)) {
            throw new IllegalArgumentException("a transfer reply names exactly one of operatorId or groupId");
        }
        String target = operatorId != null ? "operator " + operatorId : "group " + groupId;
        if (chat.lastMessageId() != null) {
            String base = "/messages/" + chat.lastMessageId();
            return operatorId != null
                    ? new Transfer(base + "/transfer", "operator_id=" + operatorId, false, null, target)
                    : new Transfer(base + "/transfer_to_group", "group_id=" + groupId, false, null, target);
        }
        if (operatorId != null && chat.dialogId() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("operator_id", operatorId);
            body.put("state", "open");
            return new Transfer("/dialogs/" + chat.dialogId(), null, true, body, target);
        }
        throw new IllegalArgumentException("no incoming message or dialog of client " + chat.clientId()
                + " is known, so the chat cannot be transferred to " + target);
    }

    private static Long id(Object value, String field) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(String.valueOf(value).trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("transfer " + field + " must be a positive number, not " + value);
    }
}
