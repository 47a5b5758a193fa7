package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.TestDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Active channels are re-verified on a schedule (here every 200 ms): a webhook deleted or disabled
 * in Chat2Desk is registered again, and what cannot be fixed shows in the channel's checks while
 * the channel stays active.
 */
class ChannelReverificationTest {

    @Nested
    class OnSqlite extends Contract {
        OnSqlite() {
            super(Kind.SQLITE);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract {

        private static final Duration PATIENCE = Duration.ofSeconds(15);

        private final Kind kind;
        TestDatabase database;
        RunningBundle bundle;
        TestAgent agent;

        Contract(Kind kind) {
            this.kind = kind;
        }

        @BeforeAll
        void start() throws Exception {
            database = TestDatabase.of(kind);
            bundle = RunningBundle.start(database, Map.of("channel.reverify-interval-ms", "200",
                    "channel.check-timeout-ms", "1000"));
            agent = new TestAgent();
        }

        @AfterAll
        void stop() {
            if (agent != null) {
                agent.close();
            }
            if (bundle != null) {
                bundle.close();
            }
            if (database != null) {
                database.close();
            }
        }

        @Test
        void aWebhookDeletedInChat2DeskIsRegisteredAgain() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            long deleted = ourWebhook(sandbox, channel).path("id").asLong();

            sandbox.api("DELETE", "/webhooks/" + deleted, null);

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode hook = ourWebhook(sandbox, channel);
                assertThat(hook.path("id").asLong()).isNotEqualTo(deleted);
                assertThat(hook.path("status").asText()).isEqualTo("enable");
            });
            assertThat(read(channel).path("active").asBoolean()).isTrue();
        }

        @Test
        void aWebhookChat2DeskDisabledIsEnabledAgain() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            long id = ourWebhook(sandbox, channel).path("id").asLong();

            sandbox.api("PUT", "/webhooks/" + id, Map.of("status", "disable"));

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode hook = ourWebhook(sandbox, channel);
                assertThat(hook.path("id").asLong()).isEqualTo(id);
                assertThat(hook.path("status").asText()).isEqualTo("enable");
            });
        }

        @Test
        void aWebhookThatCannotBeRegisteredAgainIsReportedInTheChecksAndTheChannelStaysActive() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            // Chat2Desk's five webhooks are all taken by others: four beside ours, and ours given to another URL
            for (int i = 0; i < 4; i++) {
                sandbox.api("POST", "/webhooks", Map.of("name", "CRM " + i, "url", sandbox.otherSystemsWebhookUrl("crm-" + i),
                        "events", List.of("inbox")));
            }
            sandbox.api("PUT", "/webhooks/" + ourWebhook(sandbox, channel).path("id").asLong(),
                    Map.of("name", "CRM 4", "url", sandbox.otherSystemsWebhookUrl("crm-4")));

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode last = lastCheck(read(channel));
                assertThat(last.path("check").asText()).isEqualTo("webhook-registered");
                assertThat(last.path("passed").asBoolean()).isFalse();
                assertThat(last.path("message").asText()).contains("at most 5 webhooks");
            });
            JsonNode saved = read(channel);
            assertThat(saved.path("active").asBoolean()).isTrue();
            assertThat(saved.path("checks").findValuesAsText("check"))
                    .containsExactly("agent-trained", "token-unique", "address-accessible", "webhook-registered");
            assertThat(sandbox.api("GET", "/webhooks", null).json().path("data").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("CRM 0", "CRM 1", "CRM 2", "CRM 3", "CRM 4");
        }

        @Test
        void aTokenChat2DeskNoLongerAcceptsIsReportedUntilItIsAcceptedAgain() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            fault(sandbox, Map.of("status", 401, "pathContains", "api_info", "count", 1000));

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode last = lastCheck(read(channel));
                assertThat(last.path("check").asText()).isEqualTo("address-accessible");
                assertThat(last.path("message").asText()).contains("Token is not correct");
            });

            bundle.send("DELETE", "/sandbox/control/faults?token=" + sandbox.token(), null, Map.of());

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode last = lastCheck(read(channel));
                assertThat(last.path("check").asText()).isEqualTo("webhook-registered");
                assertThat(last.path("passed").asBoolean()).isTrue();
            });
            assertThat(read(channel).path("active").asBoolean()).isTrue();
        }

        // ---- helpers -------------------------------------------------------------------------

        JsonNode activeChannel(Sandbox sandbox) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("apiUrl", sandbox.apiUrl());
            body.put("token", sandbox.token());
            body.put("agentUrl", agent.url());
            RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", body);
            assertThat(created.json().path("active").asBoolean()).as(created.body()).isTrue();
            return created.json();
        }

        JsonNode read(JsonNode channel) {
            return bundle.api("GET", "/api/v1/channels/" + channel.path("id").asText(), null).json();
        }

        static JsonNode lastCheck(JsonNode channel) {
            JsonNode checks = channel.path("checks");
            return checks.get(checks.size() - 1);
        }

        static JsonNode ourWebhook(Sandbox sandbox, JsonNode channel) {
            String url = channel.path("webhookUrl").asText();
            JsonNode hooks = sandbox.api("GET", "/webhooks", null).json().path("data");
            for (JsonNode hook : hooks) {
                if (url.equals(hook.path("url").asText())) {
                    return hook;
                }
            }
            throw new AssertionError("no webhook for " + url + " in " + hooks);
        }

        void fault(Sandbox sandbox, Map<String, Object> fault) {
            Map<String, Object> body = new LinkedHashMap<>(fault);
            body.put("token", sandbox.token());
            RunningBundle.Answer answer = bundle.post("/sandbox/control/faults", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
    }
}
