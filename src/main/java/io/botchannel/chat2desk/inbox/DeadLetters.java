package io.botchannel.chat2desk.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.channel.ChannelStore;
import org.apache.camel.Header;

/** The dead-letter store as the management API shows it: what finally failed, why, replay and discard. */
public class DeadLetters {

    private final Inbox inbox;
    private final ChannelStore channels;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetters(Inbox inbox, ChannelStore channels) {
        this.inbox = inbox;
        this.channels = channels;
    }

    public List<Map<String, Object>> list(@Header("id") String channelId) {
        requireChannel(channelId);
        return inbox.deadLetters(channelId).stream().map(this::view).toList();
    }

    /** Sends a dead letter again, from the start of its processing. */
    public Map<String, Object> replay(@Header("id") String channelId, @Header("dlid") String deadLetterId) {
        requireChannel(channelId);
        long id = deadLetterIdOf(deadLetterId);
        if (!inbox.replay(channelId, id)) {
            throw ApiError.notFound("no dead letter " + deadLetterId + " on channel " + channelId);
        }
        return Map.of("id", id, "status", "replaying");
    }

    /** Discards a dead letter for good. */
    public void delete(@Header("id") String channelId, @Header("dlid") String deadLetterId) {
        requireChannel(channelId);
        if (!inbox.deleteDeadLetter(channelId, deadLetterIdOf(deadLetterId))) {
            throw ApiError.notFound("no dead letter " + deadLetterId + " on channel " + channelId);
        }
    }

    private static long deadLetterIdOf(String deadLetterId) {
        try {
            return Long.parseLong(deadLetterId);
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no dead letter " + deadLetterId);
        }
    }

    private void requireChannel(String channelId) {
        if (channels.findById(channelId).isEmpty()) {
            throw ApiError.notFound("no channel with id " + channelId);
        }
    }

    private Map<String, Object> view(InboxEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("event", entry.dedupKey());
        view.put("receivedAt", entry.receivedAt().toString());
        view.put("attempts", entry.attempts());
        view.put("reason", entry.lastError());
        try {
            view.put("webhook", json.readTree(entry.body()));
        } catch (JsonProcessingException e) {
            view.put("webhook", entry.body());
        }
        return view;
    }
}
