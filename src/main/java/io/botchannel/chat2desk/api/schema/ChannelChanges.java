package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of APPLY or SAVE: only the fields given change. */
@Schema(name = "ChannelChanges", description = "Changes to a channel: a field absent stays as it was, null clears it"
        + " (apiUrl and token cannot be cleared). Every problem is named in one 400; a field not listed here is"
        + " refused, except the read-only fields of a channel's answer (id, active, webhookUrl, checks, agentKey),"
        + " which are ignored. A change of apiUrl or agentUrl needs the token again (400 naming token).")
public record ChannelChanges(
        @Schema(nullable = true, minLength = 1, maxLength = 1000, description = "null keeps the name")
        String name,
        @Schema(format = "uri", minLength = 1, maxLength = 1000, example = "https://api.chat2desk.com/v1",
                description = "the Chat2Desk API of the channel's account, an http(s) URL; not null")
        String apiUrl,
        @Schema(minLength = 1, maxLength = 1000, pattern = "^\\s*[!-~]+\\s*$",
                description = "the account's Chat2Desk API token as Chat2Desk shows it (no spaces); not null")
        String token,
        @Schema(nullable = true, minimum = "1", format = "int64",
                description = "the Chat2Desk operator the bot works as (null: the general queue); a numeric string"
                        + " is taken too")
        Long operatorId,
        @Schema(nullable = true, description = "the Agent also gets Chat2Desk's service events")
        Boolean serviceMessages,
        @Schema(nullable = true, format = "uri", minLength = 1, maxLength = 1000,
                description = "the Agent's base URL, an http(s) URL (null: the bundle's agent.url)")
        String agentUrl,
        @Schema(nullable = true, minimum = "1", format = "int64",
                description = "the operator group a changeChatMode reply transfers to; a numeric string is taken too")
        Long fallbackGroupId,
        @Schema(nullable = true, description = "the Agent's context carries the channel's token")
        Boolean shareTokenWithAgent,
        @Schema(nullable = true, description = "unsigned webhooks are refused")
        Boolean requireSignature) {
}
