package io.botchannel.chat2desk.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;
import io.botchannel.chat2desk.chat2desk.Chat2DeskApi;
import io.botchannel.chat2desk.chat2desk.Chat2DeskException;
import org.apache.camel.Header;

/**
 * Lists a channel's Chat2Desk operators through its token, so that the bot's operator ID can be
 * found without calling Chat2Desk by hand. Works for inactive channels too.
 */
public class OperatorLookup {

    private final ChannelStore store;
    private final Chat2DeskApi chat2desk;

    public OperatorLookup(ChannelStore store, Chat2DeskApi chat2desk) {
        this.store = store;
        this.chat2desk = chat2desk;
    }

    /** {@code [{id, email, firstName, lastName, online}]}; 404 for an unknown channel, 502 when Chat2Desk fails. */
    public List<Map<String, Object>> operators(@Header("id") String id, @Header("email") String email) {
        Channel channel = store.findById(id).orElseThrow(() -> ApiError.notFound("no channel with id " + id));
        List<Chat2DeskApi.Operator> operators;
        try {
            operators = chat2desk.operators(channel.apiUrl(), channel.token(), email);
        } catch (Chat2DeskException e) {
            throw new ApiError(502, "Chat2Desk did not list the operators of channel " + id + ": " + e.getMessage());
        }
        return operators.stream().map(OperatorLookup::view).toList();
    }

    private static Map<String, Object> view(Chat2DeskApi.Operator operator) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", operator.id());
        view.put("email", operator.email());
        view.put("firstName", operator.firstName());
        view.put("lastName", operator.lastName());
        view.put("online", operator.online());
        return view;
    }
}
