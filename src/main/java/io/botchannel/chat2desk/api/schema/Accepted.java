package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** The Agent's replies are stored, to be sent in the chat's order. */
@Schema(name = "Accepted", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record Accepted(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "accepted") String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12568|chat2desk") String channelChatId) {
}
