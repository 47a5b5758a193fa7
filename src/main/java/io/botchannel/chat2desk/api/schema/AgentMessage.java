package io.botchannel.chat2desk.api.schema;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The Agent writes first: its replies into a chat the client already has. */
@Schema(name = "AgentMessage", requiredProperties = {"channelChatId", "replies"})
public record AgentMessage(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^\\s*[1-9][0-9]{0,17}\\|chat2desk\\s*$",
                example = "12568|chat2desk", description = "{client_id}|chat2desk")
        String channelChatId,
        @ArraySchema(minItems = 1, schema = @Schema(type = "object"), arraySchema = @Schema(
                description = "replies as the Agent answers them ({\"type\": \"text\", \"text\": \"...\"}, file,"
                        + " transfer, ...); every wrong one is named in one 400"))
        List<Object> replies) {
}
