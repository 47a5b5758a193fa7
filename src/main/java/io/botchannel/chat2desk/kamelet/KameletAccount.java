package io.botchannel.chat2desk.kamelet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.botchannel.chat2desk.bounds.VertxAnswerLimit;
import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.channel.TokenMask;
import org.apache.camel.CamelContext;

/**
 * The Chat2Desk account a Kamelet talks to, as the bundle's reply routes take it: a channel made
 * of the Kamelet's properties. It has no webhook key, since nothing of it is in the bundle's store;
 * its id, the masked token, names it in the log and keeps its own rate limit.
 */
public class KameletAccount {

    private String apiUrl;
    private String token;
    private Long operatorId;
    private Long fallbackGroupId;
    private long maxAnswerBytes = 1_048_576;
    private volatile Channel channel;

    public void setApiUrl(String apiUrl) {
        this.apiUrl = decoded(apiUrl, "://");
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** The operator the bot's messages are sent as; empty for Chat2Desk's default. */
    public void setOperatorId(String operatorId) {
        this.operatorId = ChatAddress.number(operatorId, "operatorId");
    }

    /** The operator group a {@code changeChatMode} reply hands the chat to; empty to only log it. */
    public void setFallbackGroupId(String fallbackGroupId) {
        this.fallbackGroupId = ChatAddress.number(fallbackGroupId, "fallbackGroupId");
    }

    /** The most bytes read of one Chat2Desk answer; a larger one fails the exchange. */
    public void setMaxAnswerBytes(long maxAnswerBytes) {
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /**
     * The name of the bound on Chat2Desk's answers that the reply routes' calls use: a Kamelet's
     * own beans are gone once its route is made, so the bound is bound in the registry, once per size.
     */
    public String answerBound(CamelContext context) {
        String name = "chat2deskAnswers-" + maxAnswerBytes;
        if (context.getRegistry().lookupByName(name) == null) {
            context.getRegistry().bind(name, new VertxAnswerLimit(maxAnswerBytes, "maxAnswerBytes"));
        }
        return name;
    }

    /** The channel the reply routes send as; a missing apiUrl or token is named. */
    public Channel channel() {
        Channel made = channel;
        if (made == null) {
            String url = required(apiUrl, "apiUrl").replaceAll("/+$", "");
            String key = required(token, "token");
            made = new Channel(TokenMask.mask(key), null, null, url, key, operatorId, false, null, true, null, null,
                    null, null, new Channel.Options(fallbackGroupId, false, false));
            channel = made;
        }
        return made;
    }

    /**
     * A URL or path as it was written: Camel 4.18's YAML DSL encodes the values of a Kamelet's
     * parameters and a Pipe's properties (http%3A%2F%2F...) and nothing decodes them (CAMEL-23594).
     * A value that already holds {@code decodedMark} came through a placeholder and stays as it is.
     */
    static String decoded(String value, String decodedMark) {
        return value == null || value.contains(decodedMark) ? value : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": is required");
        }
        return value.trim();
    }
}
