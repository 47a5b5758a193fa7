package io.botchannel.chat2desk.beans;

import io.botchannel.chat2desk.agent.AgentWritesFirst;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.inbox.Inbox;
import io.botchannel.chat2desk.outbound.ReplyChecks;

/**
 * Builds {@code agentWritesFirst} of routes/beans.camel.yaml from its named properties: the Agent's first
 * message into an existing chat.
 */
public class AgentWritesFirstBuilder extends BeanBuilder<AgentWritesFirst> {

    private ChannelStore channels;
    private ChatStore chats;
    private Chat2DeskApi chat2desk;
    private Inbox inbox;
    private ReplyChecks replyChecks;

    public void setChannels(ChannelStore channels) {
        this.channels = set(channels);
    }

    public void setChats(ChatStore chats) {
        this.chats = set(chats);
    }

    public void setChat2desk(Chat2DeskApi chat2desk) {
        this.chat2desk = set(chat2desk);
    }

    public void setInbox(Inbox inbox) {
        this.inbox = set(inbox);
    }

    public void setReplyChecks(ReplyChecks replyChecks) {
        this.replyChecks = set(replyChecks);
    }

    @Override
    protected AgentWritesFirst make() {
        return new AgentWritesFirst(channels, chats, chat2desk, inbox, replyChecks);
    }
}
