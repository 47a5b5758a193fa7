package io.botchannel.chat2desk.outbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Turns an Agent reply into the body of Chat2Desk's {@code POST /v1/messages}: addressed to the
 * chat's client on its last transport and Chat2Desk channel, sent as the bot's operator, with the
 * markup, buttons and files shown the way the transport shows them best.
 */
public class OutboundMessages {

    private final MarkupTranslator markup;
    private final Buttons buttons;
    private final Set<String> linksInvisible;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param linksInvisible transports on which a file sent as a link is not visible, so it is sent as a file
     */
    public OutboundMessages(MarkupTranslator markup, Buttons buttons, Set<String> linksInvisible) {
        this.markup = markup;
        this.buttons = buttons;
        this.linksInvisible = linksInvisible.stream().map(OutboundMessages::lower).collect(Collectors.toUnmodifiableSet());
    }

    /** A text reply, its markup translated and its buttons shown in the transport's way. */
    public String text(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("chat") Chat chat,
                       @Body Map<String, Object> reply) throws JsonProcessingException {
        Map<String, Object> message = addressedTo(channel, chat);
        message.put("text", markup.translate(textOf(reply.get("text")), chat.transport()));
        buttons.addTo(message, Buttons.of(reply), chat.transport());
        return json.writeValueAsString(message);
    }

    /**
     * A file reply: as a file ({@code attachment}, or {@code pdf} for PDFs, with its name and
     * caption), or, with {@code delivery: link}, as its caption and link in a text, except on
     * transports where such links are not visible.
     */
    public String file(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("chat") Chat chat,
                       @Body Map<String, Object> reply) throws JsonProcessingException {
        String url = textOf(reply.get("url")).trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("file reply without a url");
        }
        String caption = markup.translate(textOf(reply.get("caption")), chat.transport());
        String name = reply.get("name") == null ? nameOf(url) : textOf(reply.get("name"));
        Map<String, Object> message = addressedTo(channel, chat);
        if ("link".equals(reply.get("delivery")) && !linksInvisible.contains(lower(chat.transport()))) {
            message.put("text", caption.isBlank() ? url : caption + "\n" + url);
            return json.writeValueAsString(message);
        }
        if (!caption.isBlank()) {
            message.put("text", caption);
        }
        boolean pdf = lower(name).endsWith(".pdf") || lower(url).replaceAll("[?#].*$", "").endsWith(".pdf");
        message.put(pdf ? "pdf" : "attachment", url);
        message.put("attachment_filename", name);
        return json.writeValueAsString(message);
    }

    private static Map<String, Object> addressedTo(Channel channel, Chat chat) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("client_id", chat.clientId());
        message.put("type", "to_client");
        if (chat.transport() != null) {
            message.put("transport", chat.transport());
        }
        if (chat.chat2deskChannelId() != null) {
            message.put("channel_id", chat.chat2deskChannelId());
        }
        if (channel.operatorId() != null) {
            message.put("operator_id", channel.operatorId());
        }
        return message;
    }

    private static String textOf(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    private static String nameOf(String url) {
        String path = url.replaceAll("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
