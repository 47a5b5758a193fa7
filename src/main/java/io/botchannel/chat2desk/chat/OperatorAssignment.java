package io.botchannel.chat2desk.chat;

import java.util.Objects;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.apache.camel.ExchangeProperty;

/**
 * Which chats the bot may answer. With an operator ID the bot works as that operator and answers
 * only chats assigned to it; without one it answers the general queue, chats assigned to no
 * operator. A chat a human operator has taken, or the bot handed over, is left to the human until
 * Chat2Desk says it is the bot's again: closed, given back to the queue the bot serves, or
 * transferred to the bot's operator.
 */
public class OperatorAssignment {

    public boolean botMayAnswer(Channel channel, WebhookEvent event) {
        if (channel.operatorId() == null) {
            return event.operatorId() == null;
        }
        return Objects.equals(channel.operatorId(), event.operatorId());
    }

    /**
     * A client's message in a chat that is not the bot's: assigned to someone else, or handed over
     * by the bot. Service events are about the chat, not in it, and are never left alone here.
     */
    public boolean isLeftToSomeoneElse(@ExchangeProperty("channel") Channel channel,
                                       @ExchangeProperty("event") WebhookEvent event,
                                       @ExchangeProperty("chat") Chat chat) {
        return event.isClientMessage() && (!botMayAnswer(channel, event) || (chat != null && chat.handedOver()));
    }

    /**
     * The event gives a chat back to the bot: its dialog was closed (the client's next message opens
     * a new one in the bot's queue), or its dialog now has the operator the bot works as: none for a
     * channel without an operator ID (back to the queue), else that operator.
     */
    public boolean isBackToBot(@ExchangeProperty("channel") Channel channel,
                               @ExchangeProperty("event") WebhookEvent event) {
        return switch (event.hookType()) {
            case "close_dialog", "close_request" -> true;
            case "dialog_transferred" -> botMayAnswer(channel, event);
            default -> false;
        };
    }
}
