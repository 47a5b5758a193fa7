package io.botchannel.chat2desk.kamelet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.botchannel.chat2desk.bounds.AnswerLimit;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.outbound.Handovers;
import org.apache.camel.Headers;

/**
 * Hands a chat to a human in Chat2Desk, for {@code chat2desk-transfer-action} and for the transfer
 * replies of {@code chat2desk-sink}: the transfer of the client's last message to an operator or a
 * group, or, when no message is known, a change of the dialog's operator (the bundle's
 * {@link Handovers} decides which call).
 */
public class Chat2DeskTransfers {

    public static final String OPERATOR_ID = "operator-id";
    public static final String GROUP_ID = "group-id";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Chat2Desk answers a transfer with a few hundred bytes. */
    private static final AnswerLimit ANSWERS = new AnswerLimit(1_048_576, null);

    private final String apiUrl;
    private final String token;
    private final Long operatorId;
    private final Long groupId;
    private final Chat2DeskApi api = new Chat2DeskApi(TIMEOUT, ANSWERS);
    private final Handovers handovers = new Handovers();

    /**
     * @param operatorId the operator to hand chats to, or empty
     * @param groupId    the operator group to hand chats to, or empty (not both)
     *                   (the ids are Objects: Camel passes a Kamelet's number as a number, its absence as "")
     */
    public Chat2DeskTransfers(String apiUrl, String token, Object operatorId, Object groupId) {
        this.apiUrl = required(apiUrl, "apiUrl").replaceAll("/+$", "");
        this.token = required(token, "token");
        this.operatorId = ChatAddress.number(operatorId, "operatorId");
        this.groupId = ChatAddress.number(groupId, "groupId");
        if (this.operatorId != null && this.groupId != null) {
            throw new IllegalArgumentException("operatorId and groupId: name one of them, not both");
        }
    }

    /**
     * The action's call: hands the chat of the headers to the operator or group of the
     * {@code operator-id} / {@code group-id} header, else to the configured one.
     *
     * @return who the chat went to, e.g. {@code group 7}
     */
    public String transfer(@Headers Map<String, Object> headers) {
        Long operator = ChatAddress.id(headers, OPERATOR_ID);
        Long group = ChatAddress.id(headers, GROUP_ID);
        if (operator == null && group == null) {
            operator = operatorId;
            group = groupId;
        }
        if (operator == null && group == null) {
            throw new IllegalArgumentException("operatorId or groupId: name where the chat goes, as a property or in the "
                    + OPERATOR_ID + " / " + GROUP_ID + " header");
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "transfer");
        if (operator != null) {
            reply.put("operatorId", operator);
        } else {
            reply.put("groupId", group);
        }
        return handOver(ChatAddress.of(headers), reply);
    }

    /** A transfer reply in the Agent's format ({@code operatorId} or {@code groupId}) for the chat. */
    public String handOver(Chat chat, Map<String, Object> reply) {
        Handovers.Transfer transfer = handovers.transferOf(chat, reply);
        if (transfer.viaDialog()) {
            api.request("PUT", apiUrl, token, transfer.path(), transfer.body());
        } else {
            api.request("GET", apiUrl, token, transfer.path() + "?" + transfer.query(), null);
        }
        return transfer.target();
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": is required");
        }
        return value.trim();
    }
}
