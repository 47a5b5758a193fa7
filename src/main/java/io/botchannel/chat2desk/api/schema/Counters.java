package io.botchannel.chat2desk.api.schema;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A channel's message counters since this instance started, per label where the counter has one. */
@Schema(name = "Counters", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record Counters(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int64") long received,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int64") long sent,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "per reason") Map<String, Long> dropped,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "per outcome") Map<String, Long> agentCalls,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "per call") Map<String, Long> retries,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "per call") Map<String, Long> deadLetters) {
}
