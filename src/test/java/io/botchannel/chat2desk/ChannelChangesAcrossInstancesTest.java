package io.botchannel.chat2desk;

import static io.botchannel.chat2desk.Webhooks.inbox;
import static io.botchannel.chat2desk.Webhooks.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL: whatever is done to a channel through one of them governs the
 * webhooks the other accepts from the next webhook on, with no delay to wait out, because every
 * webhook reads its channel from the store.
 */
class ChannelChangesAcrossInstancesTest {

    @Test
    void activationApplyDeactivateAndDeleteThroughOneInstanceGovernTheOthersNextWebhook() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
             TestAgent agent = new TestAgent();
             RunningBundle one = RunningBundle.start(database, Map.of("dispatch.instance-id", "one"));
             RunningBundle other = RunningBundle.start(database, Map.of("dispatch.instance-id", "other"))) {
            Sandbox sandbox = Sandbox.newCompany(one);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", "Support bot");
            fields.put("apiUrl", sandbox.apiUrl());
            fields.put("token", sandbox.token());
            fields.put("agentUrl", agent.url());
            JsonNode channel = one.api("POST", "/api/v1/channels", fields).json();
            String id = "/api/v1/channels/" + channel.path("id").asText();
            long messageId = 1;

            assertThat(other.post(path(channel), inbox(7, messageId++, "saved, not active")).status())
                    .as("webhook of an inactive channel").isEqualTo(404);

            assertThat(one.api("PUT", id + "?activate=true", Map.of()).json().path("active").asBoolean()).isTrue();
            assertThat(other.post(path(channel), inbox(7, messageId++, "activated")).status())
                    .as("webhook right after the activation").isEqualTo(200);

            RunningBundle.Answer applied = one.api("PUT", id, Map.of("requireSignature", true));
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(other.post(path(channel), inbox(7, messageId++, "unsigned")).status())
                    .as("unsigned webhook right after an APPLY that requires signatures").isEqualTo(401);

            assertThat(one.api("POST", id + "/deactivate", null).status()).isEqualTo(200);
            assertThat(other.post(path(channel), inbox(7, messageId++, "deactivated")).status())
                    .as("webhook right after DEACTIVATE").isEqualTo(404);

            assertThat(one.api("PUT", id + "?activate=true", Map.of("requireSignature", false)).json()
                    .path("active").asBoolean()).isTrue();
            assertThat(other.post(path(channel), inbox(7, messageId++, "active again")).status()).isEqualTo(200);
            assertThat(one.api("DELETE", id, null).status()).isEqualTo(204);
            assertThat(other.post(path(channel), inbox(7, messageId, "deleted")).status())
                    .as("webhook right after DELETE").isEqualTo(404);
        }
    }
}
