package io.botchannel.chat2desk.channel;

import java.time.Instant;
import java.util.List;

/**
 * One configured connection between a Chat2Desk account and an Agent.
 *
 * @param key         the random, unguessable path segment of this channel's webhook URL
 * @param agentUrl    the Agent base URL the channel names, or null for the bundle's default
 * @param operatorId  the Chat2Desk operator the bot works as, or null for the general queue
 * @param webhookId   the id of this channel's webhook in Chat2Desk while registered
 */
public record Channel(String id, String key, String name, String apiUrl, String token, Long operatorId,
                      boolean serviceMessages, String agentUrl, boolean active, Long webhookId,
                      List<CheckResult> checks, Instant createdAt, Instant updatedAt, Options options) {

    /**
     * What a channel may choose beyond the platform's form.
     *
     * @param fallbackGroupId     the operator group a {@code changeChatMode} reply transfers to (Chat2Desk has no chat mode)
     * @param shareTokenWithAgent the Agent's context carries {@code channel_webhook_token}, so it can call Chat2Desk itself
     * @param requireSignature    unsigned webhooks are refused
     */
    public record Options(Long fallbackGroupId, boolean shareTokenWithAgent, boolean requireSignature) {

        public static final Options NONE = new Options(null, false, false);
    }

    public Channel {
        checks = checks == null ? List.of() : List.copyOf(checks);
        options = options == null ? Options.NONE : options;
    }

    public Channel withActivation(boolean active, Long webhookId, List<CheckResult> checks) {
        return new Channel(id, key, name, apiUrl, token, operatorId, serviceMessages, agentUrl, active, webhookId,
                checks, createdAt, Instant.now(), options);
    }

    public Channel withAgentUrl(String agentUrl) {
        return new Channel(id, key, name, apiUrl, token, operatorId, serviceMessages, agentUrl, active, webhookId,
                checks, createdAt, updatedAt, options);
    }

    /** The token as it may be shown: only its last four characters. */
    public String maskedToken() {
        return TokenMask.mask(token);
    }

    @Override
    public String toString() {
        // Never let a token reach a log line through toString
        return "Channel[id=" + id + ", name=" + name + ", active=" + active + "]";
    }
}
