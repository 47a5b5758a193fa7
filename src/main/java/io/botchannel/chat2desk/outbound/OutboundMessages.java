package io.botchannel.chat2desk.outbound;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The body of Chat2Desk's {@code POST /v1/messages} for an Agent reply, as a map that the route
 * fills step by step (chat2desk-outbound.camel.yaml decides which steps) and marshals once:
 * addressed to the chat's client on its last transport and Chat2Desk channel, sent as the bot's
 * operator, with the text in the transport's markup and a file as a file or a link.
 */
public class OutboundMessages {

    private final MarkupTranslator markup;

    public OutboundMessages(MarkupTranslator markup) {
        this.markup = markup;
    }

    /** A message to the chat's client, with nothing in it yet. */
    public Map<String, Object> toClient(@ExchangeProperty("channel") Channel channel, @ExchangeProperty("chat") Chat chat) {
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

    /** The text reply's text, its markup translated for the transport. */
    public void text(@Body Map<String, Object> message, @ExchangeProperty("reply") Map<String, Object> reply,
                     @ExchangeProperty("chat") Chat chat) {
        message.put("text", markup.translate(textOf(reply.get("text")), chat.transport(), chat.channelId()));
    }

    /**
     * Whether the chat's transport is one of the comma-separated list (e.g.
     * {@code files.links-invisible}); names compare without regard to case or spaces.
     */
    public boolean transportIsOneOf(@ExchangeProperty("chat") Chat chat, String transports) {
        String transport = lower(chat.transport());
        return !transport.isEmpty() && Arrays.stream(transports.split(",")).map(OutboundMessages::lower)
                .anyMatch(transport::equals);
    }

    /** The file as its caption and link in a text. */
    public void fileAsLink(@Body Map<String, Object> message, @ExchangeProperty("reply") Map<String, Object> reply,
                           @ExchangeProperty("chat") Chat chat) {
        String url = urlOf(reply);
        String caption = captionOf(reply, chat);
        message.put("text", caption.isBlank() ? url : caption + "\n" + url);
    }

    /** A PDF, by the name or the URL's path; Chat2Desk shows it as a document of its own kind. */
    public boolean isPdf(@ExchangeProperty("reply") Map<String, Object> reply) {
        return lower(nameOf(reply)).endsWith(".pdf") || lower(urlOf(reply)).replaceAll("[?#].*$", "").endsWith(".pdf");
    }

    /** The file as Chat2Desk's {@code pdf}, with its name and caption. */
    public void fileAsPdf(@Body Map<String, Object> message, @ExchangeProperty("reply") Map<String, Object> reply,
                          @ExchangeProperty("chat") Chat chat) {
        attach(message, "pdf", reply, chat);
    }

    /** The file as Chat2Desk's {@code attachment} (images show as images), with its name and caption. */
    public void fileAsAttachment(@Body Map<String, Object> message, @ExchangeProperty("reply") Map<String, Object> reply,
                                 @ExchangeProperty("chat") Chat chat) {
        attach(message, "attachment", reply, chat);
    }

    private void attach(Map<String, Object> message, String field, Map<String, Object> reply, Chat chat) {
        String caption = captionOf(reply, chat);
        if (!caption.isBlank()) {
            message.put("text", caption);
        }
        message.put(field, urlOf(reply));
        message.put("attachment_filename", nameOf(reply));
    }

    private String captionOf(Map<String, Object> reply, Chat chat) {
        return markup.translate(textOf(reply.get("caption")), chat.transport(), chat.channelId());
    }

    private static String urlOf(Map<String, Object> reply) {
        String url = textOf(reply.get("url")).trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("file reply without a url");
        }
        return url;
    }

    /** The reply's name, else the last part of the URL's path. */
    private static String nameOf(Map<String, Object> reply) {
        if (reply.get("name") != null) {
            return textOf(reply.get("name"));
        }
        String path = urlOf(reply).replaceAll("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String textOf(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }
}
