package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** A dead letter sent again. */
@Schema(name = "Replaying", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record Replaying(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int64") long id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "replaying") String status) {
}
