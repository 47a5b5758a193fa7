package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Each way each activation check can fail, through CREATE &amp; ACTIVATE: the channel is saved
 * inactive, the chain stops at the failed check, and its message says what to fix. A hung Agent
 * or Chat2Desk fails its check within channel.check-timeout-ms; no failure is ever a 500.
 */
class ActivationChecksTest {

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
            bundle = RunningBundle.start(database, Map.of("channel.check-timeout-ms", "1000"));
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

        // ---- 1. agent-trained ----------------------------------------------------------------

        @Test
        void anUntrainedAgentIsNamedWithWhatItAnswered() throws Exception {
            try (TestAgent untrained = new TestAgent().untrained()) {
                JsonNode failed = failedCheck(activate(Sandbox.newCompany(bundle), untrained.url()), "agent-trained");

                assertThat(failed.path("message").asText()).contains(untrained.url() + "/status")
                        .contains("{\"trained\":false}").contains("expected {\"trained\": true}");
            }
        }

        @Test
        void anAgentAnsweringAnErrorIsNamedWithItsStatus() throws Exception {
            try (TestAgent broken = new TestAgent().status(500, "{\"error\":\"model not loaded\"}")) {
                JsonNode failed = failedCheck(activate(Sandbox.newCompany(bundle), broken.url()), "agent-trained");

                assertThat(failed.path("message").asText()).contains(broken.url() + "/status").contains("HTTP 500")
                        .contains("model not loaded");
            }
        }

        @Test
        void anAgentNobodyListensForIsUnreachable() {
            String url = "http://127.0.0.1:" + RunningBundle.freePort() + "/agent";

            JsonNode failed = failedCheck(activate(Sandbox.newCompany(bundle), url), "agent-trained");

            assertThat(failed.path("message").asText()).contains(url + "/status").contains("could not be reached");
        }

        @Test
        void aHungAgentFailsTheCheckWithinTheTimeLimit() throws Exception {
            try (SilentServer hung = new SilentServer()) {
                JsonNode failed = failedCheck(activate(Sandbox.newCompany(bundle), hung.url()), "agent-trained");

                assertThat(failed.path("message").asText()).contains(hung.url() + "/status")
                        .contains("did not answer within 1000 ms");
            }
        }

        // ---- 2. token-unique -----------------------------------------------------------------

        @Test
        void aTokenAnActiveChannelUsesNamesThatChannel() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode first = activate(sandbox, agent.url());
            assertThat(first.path("active").asBoolean()).isTrue();

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "token-unique");

            assertThat(failed.path("message").asText()).contains(first.path("id").asText()).contains("Support bot")
                    .contains("deactivate it or use another token");
        }

        // ---- 3. address-accessible -----------------------------------------------------------

        @Test
        void aTokenChat2DeskRefusesIsReportedInChat2DesksWords() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            Map<String, Object> body = channel(sandbox, agent.url());
            body.put("token", "a-token-chat2desk-does-not-know");

            JsonNode failed = failedCheck(create(body), "address-accessible");

            assertThat(failed.path("message").asText()).contains("Token is not correct").contains("HTTP 401")
                    .contains("Settings -> API");
        }

        @Test
        void anUnreachableChat2DeskIsReportedAsUnreachable() {
            Map<String, Object> body = channel(Sandbox.newCompany(bundle), agent.url());
            body.put("apiUrl", "http://127.0.0.1:" + RunningBundle.freePort() + "/v1");

            JsonNode failed = failedCheck(create(body), "address-accessible");

            assertThat(failed.path("message").asText()).contains(body.get("apiUrl").toString()).contains("unreachable");
        }

        @Test
        void aHungChat2DeskFailsTheCheckWithinTheTimeLimit() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            fault(sandbox, Map.of("latencyMs", 3000, "pathContains", "api_info"));

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "address-accessible");

            assertThat(failed.path("message").asText()).contains("did not answer GET /companies/api_info within 1000 ms");
        }

        @Test
        void aChat2DeskThatRateLimitsSaysSo() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            fault(sandbox, Map.of("status", 429, "pathContains", "api_info"));

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "address-accessible");

            assertThat(failed.path("message").asText()).contains("HTTP 429").contains("Number of API requests exceeded");
        }

        // ---- 4. webhook-registered -----------------------------------------------------------

        @Test
        void anAccountWithFiveWebhooksExplainsChat2DesksLimitAndKeepsThemAll() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            for (int i = 0; i < 5; i++) {
                sandbox.api("POST", "/webhooks", Map.of("name", "CRM " + i, "url", sandbox.otherSystemsWebhookUrl("crm-" + i),
                        "events", List.of("inbox")));
            }

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "webhook-registered");

            assertThat(failed.path("message").asText()).contains("at most 5 webhooks per account").contains("\"CRM 0\"")
                    .contains("delete one you no longer need");
            assertThat(sandbox.api("GET", "/webhooks", null).json().path("data").findValuesAsText("name"))
                    .containsExactly("CRM 0", "CRM 1", "CRM 2", "CRM 3", "CRM 4");
        }

        @Test
        void aRegistrationChat2DeskRefusesIsReportedWithItsAnswer() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            // Rules are used up in order: the webhook list answers (only a little slower), the registration is refused
            fault(sandbox, Map.of("latencyMs", 1, "pathContains", "webhooks"));
            fault(sandbox, Map.of("status", 400, "message", "The url is not allowed", "pathContains", "webhooks"));

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "webhook-registered");

            assertThat(failed.path("message").asText()).contains("could not be registered").contains("HTTP 400")
                    .contains("The url is not allowed");
            assertThat(sandbox.api("GET", "/webhooks", null).json().path("data")).isEmpty();
        }

        @Test
        void aHungChat2DeskWebhookListFailsTheCheckWithinTheTimeLimit() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            fault(sandbox, Map.of("latencyMs", 3000, "pathContains", "webhooks"));

            JsonNode failed = failedCheck(activate(sandbox, agent.url()), "webhook-registered");

            assertThat(failed.path("message").asText()).contains("webhooks could not be read")
                    .contains("did not answer GET /webhooks within");
        }

        // ---- helpers -------------------------------------------------------------------------

        Map<String, Object> channel(Sandbox sandbox, String agentUrl) {
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("name", "Support bot");
            channel.put("apiUrl", sandbox.apiUrl());
            channel.put("token", sandbox.token());
            channel.put("agentUrl", agentUrl);
            return channel;
        }

        JsonNode activate(Sandbox sandbox, String agentUrl) {
            return create(channel(sandbox, agentUrl));
        }

        /** CREATE & ACTIVATE: always 201 with the channel, whatever the checks found. */
        JsonNode create(Map<String, Object> body) {
            RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels?activate=true", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            return answer.json();
        }

        /** The channel is saved inactive, its chain stopped at this check, and the answer says why. */
        JsonNode failedCheck(JsonNode channel, String check) {
            assertThat(channel.path("active").asBoolean()).as(channel.toString()).isFalse();
            List<String> names = channel.path("checks").findValuesAsText("check");
            List<String> order = List.of("agent-trained", "token-unique", "address-accessible", "webhook-registered");
            assertThat(names).containsExactlyElementsOf(order.subList(0, order.indexOf(check) + 1));
            JsonNode last = channel.path("checks").get(names.size() - 1);
            assertThat(last.path("passed").asBoolean()).isFalse();
            JsonNode saved = bundle.api("GET", "/api/v1/channels/" + channel.path("id").asText(), null).json();
            assertThat(saved.path("checks")).isEqualTo(channel.path("checks"));
            return last;
        }

        void fault(Sandbox sandbox, Map<String, Object> fault) {
            Map<String, Object> body = new LinkedHashMap<>(fault);
            body.put("token", sandbox.token());
            RunningBundle.Answer answer = bundle.post("/sandbox/control/faults", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
    }
}
