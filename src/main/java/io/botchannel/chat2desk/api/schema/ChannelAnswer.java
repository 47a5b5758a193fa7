package io.botchannel.chat2desk.api.schema;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A channel as every call that shows one answers it. */
@Schema(name = "Channel", description = "A channel, its token masked",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ChannelAnswer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri") String apiUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "only the token's last four characters")
        String token,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "int64") Long operatorId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean serviceMessages,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "uri") String agentUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, format = "int64") Long fallbackGroupId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean shareTokenWithAgent,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean requireSignature,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean active,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
                description = "the address Chat2Desk delivers the channel's webhooks to")
        String webhookUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "the outcome of each activation check of the last activation; empty when inactive")
        List<Check> checks,
        @Schema(description = "the channel's Agent key: only in the answer of CREATE, this once")
        String agentKey) {
}
