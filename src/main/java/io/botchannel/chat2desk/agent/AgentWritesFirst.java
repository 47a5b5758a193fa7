package io.botchannel.chat2desk.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.bounds.JsonLimits;
import io.botchannel.chat2desk.outbound.ReplyChecks;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.chat.ChatStore;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import io.botchannel.chat2desk.channel.ChannelStore;
import io.botchannel.chat2desk.inbox.Inbox;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * The Agent writes first ({@code POST /api/v1/channels/{id}/messages}): only into an existing
 * chat, one whose client wrote before or whom Chat2Desk knows, whether its operator stayed in the
 * chat or closed it.
 */
public class AgentWritesFirst {

    private static final Pattern CHAT_ID = Pattern.compile("([1-9][0-9]{0,17})\\|chat2desk");

    private final ChannelStore channels;
    private final ChatStore chats;
    private final Chat2DeskApi chat2desk;
    private final Inbox inbox;
    private final ReplyChecks checks;
    private final ObjectMapper json = JsonLimits.mapper();

    public AgentWritesFirst(ChannelStore channels, ChatStore chats, Chat2DeskApi chat2desk, Inbox inbox, ReplyChecks checks) {
        this.channels = channels;
        this.chats = chats;
        this.chat2desk = chat2desk;
        this.inbox = inbox;
        this.checks = checks;
    }

    /**
     * Checks the request, finds its chat and stores the replies in the inbox, which sends them in
     * the chat's order. Returns the chat.
     */
    public Chat accept(@Header("id") String id, @Body String body) throws JsonProcessingException {
        JsonNode request = read(body);
        long clientId = clientId(request.path("channelChatId"));
        List<Map<String, Object>> replies = replies(request.path("replies"));

        Channel channel = channels.findById(id).orElseThrow(() -> ApiError.notFound("no channel with id " + id));
        if (!channel.active()) {
            throw ApiError.conflict("channel " + id + " is not active");
        }
        Chat chat = chats.find(channel.id(), clientId).orElseGet(() -> knownToChat2Desk(channel, clientId));
        inbox.storeReplies(channel.id(), clientId, json.writeValueAsString(replies));
        return chat;
    }

    private Chat knownToChat2Desk(Channel channel, long clientId) {
        boolean exists;
        try {
            exists = chat2desk.clientExists(channel.apiUrl(), channel.token(), clientId);
        } catch (Chat2DeskException e) {
            throw new ApiError(502, "Chat2Desk could not tell whether client " + clientId + " exists: " + e.getMessage());
        }
        if (!exists) {
            throw ApiError.conflict("no chat with client " + clientId + ": the Agent can write only into an existing chat");
        }
        return chats.known(channel.id(), clientId);
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isBlank() ? "" : body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("body: must be a JSON object {\"channelChatId\": ..., \"replies\": [...]}");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiError.badRequest("body: " + JsonLimits.BEYOND);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static long clientId(JsonNode chatId) {
        Matcher m = CHAT_ID.matcher(chatId.isTextual() ? chatId.asText().trim() : "");
        if (!m.matches()) {
            throw ApiError.badRequest("channelChatId: must be \"{client_id}|chat2desk\", e.g. \"12568|chat2desk\"");
        }
        return Long.parseLong(m.group(1));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> replies(JsonNode replies) {
        if (!replies.isArray() || replies.isEmpty()) {
            throw ApiError.badRequest("replies: must be a non-empty array of Agent replies");
        }
        List<String> problems = checks.problems(replies);
        if (!problems.isEmpty()) {
            throw ApiError.badRequest(String.join("; ", problems));
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode reply : replies) {
            list.add(json.convertValue(reply, Map.class));
        }
        return list;
    }
}
