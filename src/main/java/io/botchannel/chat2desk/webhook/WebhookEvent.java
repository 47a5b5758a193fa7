package io.botchannel.chat2desk.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One event Chat2Desk delivered to a channel's webhook, reduced to what the bundle uses.
 * Ids that Chat2Desk may leave empty (operator, dialog, channel) are null when absent.
 */
public record WebhookEvent(String hookType, String type, Long messageId, Long clientId, Long dialogId,
                           Long operatorId, Long chat2deskChannelId, Long requestId, String transport, String text,
                           List<Attachment> attachments, Visitor visitor, String body) {

    /** A file the client sent, as the Agent sees it. */
    public record Attachment(String url, String kind, String name) {
    }

    /** What the webhook tells of the client. */
    public record Visitor(String name, String phone) {
    }

    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    /**
     * The events Chat2Desk documents, as {@code hook_type} names them in a delivery; anything else
     * is refused. (The subscription {@code operator_status_changed} delivers {@code operator_status_updated}.)
     */
    public static final Set<String> HOOK_TYPES = Set.of(INBOX, OUTBOX, "outbox_status", "new_client", "client_updated",
            "new_request", "close_request", "close_dialog", "dialog_transferred", "comment", "system_message",
            "imported_message", "new_tag", "add_tag_to_client", "add_tag_to_request", "delete_tag_from_client",
            "delete_tag_from_request", "client_added_to_blacklist", "new_ticket", "ticket_updated", "ticket_deleted",
            "operator_status_updated", "new_qr_code");

    public WebhookEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message the client wrote: the only kind of event the Agent answers. */
    public boolean isClientMessage() {
        return INBOX.equals(hookType);
    }

    /** A message sent to the client (by this bundle, an operator or an autoreply). */
    public boolean isOutbox() {
        return OUTBOX.equals(hookType);
    }

    /** A Chat2Desk service event (dialog closed or transferred, request opened, ...): neither inbox nor outbox. */
    public boolean isService() {
        return !isClientMessage() && !isOutbox();
    }

    /**
     * What makes two deliveries the same event, for the inbox and for chat2desk-source alike: its
     * hook type and Chat2Desk's message id, else a digest of the body (service events carry no
     * message id; a redelivery repeats the body).
     */
    public String dedupKey() {
        if (messageId != null) {
            return hookType + ":" + messageId;
        }
        try {
            return hookType + ":sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The chat id the Agent sees: {@code {client_id}|chat2desk}. */
    public String channelChatId() {
        return clientId + "|chat2desk";
    }

    @Override
    public String toString() {
        return "WebhookEvent[" + hookType + ", message_id=" + messageId + ", client_id=" + clientId + "]";
    }
}
