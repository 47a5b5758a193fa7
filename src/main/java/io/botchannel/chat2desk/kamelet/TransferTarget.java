package io.botchannel.chat2desk.kamelet;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Headers;

/**
 * Where {@code chat2desk-transfer-action} hands a chat: the operator or group of the
 * {@code operator-id} / {@code group-id} header (or its {@code ce-} alias), else the configured one,
 * as a transfer reply in the Agent's format for the bundle's reply routes.
 */
public class TransferTarget {

    public static final String OPERATOR_ID = "operator-id";
    public static final String GROUP_ID = "group-id";

    private Long operatorId;
    private Long groupId;

    public void setOperatorId(String operatorId) {
        this.operatorId = ChatAddress.number(operatorId, "operatorId");
        checkOne();
    }

    public void setGroupId(String groupId) {
        this.groupId = ChatAddress.number(groupId, "groupId");
        checkOne();
    }

    /** The transfer reply for the message: {@code {"type": "transfer", "operatorId"|"groupId": ...}}. */
    public Map<String, Object> reply(@Headers Map<String, Object> headers) {
        Long operator = ChatAddress.id(headers, OPERATOR_ID);
        Long group = ChatAddress.id(headers, GROUP_ID);
        if (operator == null && group == null) {
            operator = operatorId;
            group = groupId;
        }
        if (operator == null && group == null) {
            throw new IllegalArgumentException("operatorId or groupId: name where the chat goes, as a property"
                    + " or in the " + OPERATOR_ID + " / " + GROUP_ID + " header");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "transfer");
        if (operator != null) {
            reply.put("operatorId", operator);
        } else {
            reply.put("groupId", group);
        }
        return reply;
    }

    private void checkOne() {
        if (operatorId != null && groupId != null) {
            throw new IllegalArgumentException("operatorId and groupId: name one of them, not both");
        }
    }
}
