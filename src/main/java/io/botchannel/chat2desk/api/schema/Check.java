package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** The outcome of one activation check. */
@Schema(name = "Check", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record Check(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "agent-status") String check,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean passed,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "what the check found") String message) {
}
