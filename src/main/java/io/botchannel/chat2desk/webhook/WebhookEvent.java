package io.botchannel.chat2desk.webhook;

import java.util.List;

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

    /** The chat id the Agent sees: {@code {client_id}|chat2desk}. */
    public String channelChatId() {
        return clientId + "|chat2desk";
    }

    @Override
    public String toString() {
        return "WebhookEvent[" + hookType + ", message_id=" + messageId + ", client_id=" + clientId + "]";
    }
}
