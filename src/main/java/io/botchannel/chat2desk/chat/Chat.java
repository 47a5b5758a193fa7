package io.botchannel.chat2desk.chat;

/**
 * A client's chat on a channel, as far as the bundle has seen it.
 *
 * @param lastMessageId  the client's last incoming Chat2Desk message, which a transfer names
 * @param offeredButtons the buttons last offered to the client, as JSON, or null
 * @param handedOver     a transfer handed the chat to a human: the bot leaves it alone
 */
public record Chat(String channelId, long clientId, String transport, Long chat2deskChannelId, Long dialogId,
                   Long lastMessageId, String offeredButtons, boolean handedOver) {

    /** The chat id the Agent sees: {@code {client_id}|chat2desk}. */
    public String channelChatId() {
        return clientId + "|chat2desk";
    }
}
