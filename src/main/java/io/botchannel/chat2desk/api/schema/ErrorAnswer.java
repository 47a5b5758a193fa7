package io.botchannel.chat2desk.api.schema;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every refusal and failure of the API: the reason, and for a refused APPLY the checks. */
@Schema(name = "Error", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ErrorAnswer(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "apiUrl: is required; token: is required",
                description = "what was wrong; for bad input every wrong field, as \"field: reason\" joined by \"; \"")
        String error,
        @Schema(description = "a refused APPLY (409): the checks as they ran on the channel as changed")
        List<Check> checks) {
}
