package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** One Chat2Desk operator of a channel's account. */
@Schema(name = "Operator", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record Operator(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int64",
                description = "the operator ID to give as the channel's operatorId")
        long id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) String firstName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true) String lastName,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean online) {
}
