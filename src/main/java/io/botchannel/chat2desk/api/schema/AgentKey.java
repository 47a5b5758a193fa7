package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** A channel's new Agent key, shown this once. */
@Schema(name = "AgentKey", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record AgentKey(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "the key the Agent sends as Authorization: Bearer <agentKey>; the old one stops working")
        String agentKey) {
}
