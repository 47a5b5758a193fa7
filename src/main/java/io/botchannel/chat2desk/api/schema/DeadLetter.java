package io.botchannel.chat2desk.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

/** What finally failed, with its reason. */
@Schema(name = "DeadLetter", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DeadLetter(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int64",
                description = "the {dlid} of replay and delete")
        long id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the event's key") String event,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String receivedAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int32") int attempts,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, nullable = true, description = "why it failed")
        String reason,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "the webhook as kept; for replies the Agent wrote first,"
                        + " {\"hook_type\": \"agent_message\", \"client_id\": ...}")
        Object webhook) {
}
