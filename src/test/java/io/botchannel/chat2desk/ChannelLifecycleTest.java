package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.TestDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every action of the platform's channel page (CREATE, CREATE &amp; ACTIVATE, APPLY, SAVE,
 * SAVE &amp; ACTIVATE, DEACTIVATE, DELETE) through the management API, with Chat2Desk played by
 * the sandbox, on SQLite and on PostgreSQL, with tokens encrypted in the store.
 */
class ChannelLifecycleTest {

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

        static final String STORE_KEY = "a-test-key-of-more-than-32-characters";

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
            bundle = RunningBundle.start(database, Map.of("channel.store.key", STORE_KEY));
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

        // ---- CREATE, CREATE & ACTIVATE ---------------------------------------------------------

        @Test
        void createSavesTheChannelInactiveWithoutChecksOrWebhook() {
            Sandbox sandbox = Sandbox.newCompany(bundle);

            RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url()));

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("active").asBoolean()).isFalse();
            assertThat(created.json().path("checks")).isEmpty();
            assertThat(webhooks(sandbox)).isEmpty();
            assertThat(read(created.json()).path("name").asText()).isEqualTo("Support bot");
        }

        @Test
        void createAndActivateWithEveryCheckPassingIsActiveWithItsWebhookRegistered() {
            Sandbox sandbox = Sandbox.newCompany(bundle);

            RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url()));

            assertThat(created.status()).isEqualTo(201);
            JsonNode channel = created.json();
            assertThat(channel.path("active").asBoolean()).as(created.body()).isTrue();
            assertThat(checkNames(channel)).containsExactly("agent-trained", "token-unique", "address-accessible",
                    "webhook-registered");
            JsonNode hook = onlyWebhook(sandbox);
            assertThat(hook.path("url").asText()).isEqualTo(channel.path("webhookUrl").asText());
            assertThat(hook.path("status").asText()).isEqualTo("enable");
            assertThat(read(channel).path("active").asBoolean()).isTrue();
        }

        @Test
        void createAndActivateWithACheckFailingSavesTheChannelInactive() throws Exception {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            try (TestAgent untrained = new TestAgent().untrained()) {
                RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true",
                        channel(sandbox, untrained.url()));

                assertThat(created.status()).isEqualTo(201);
                assertThat(created.json().path("active").asBoolean()).isFalse();
                assertThat(checkNames(created.json())).containsExactly("agent-trained");
                assertThat(read(created.json()).path("checks").get(0).path("passed").asBoolean()).isFalse();
                assertThat(webhooks(sandbox)).isEmpty();
            }
        }

        // ---- APPLY ---------------------------------------------------------------------------

        @Test
        void applyOnAnActiveChannelSavesTheChangesWhenEveryCheckPasses() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            long hookId = onlyWebhook(sandbox).path("id").asLong();

            RunningBundle.Answer applied = bundle.api("PUT", "/api/v1/channels/" + id(channel),
                    Map.of("name", "Renamed bot", "operatorId", Sandbox.BOT_OPERATOR));

            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            JsonNode saved = read(channel);
            assertThat(saved.path("name").asText()).isEqualTo("Renamed bot");
            assertThat(saved.path("operatorId").asLong()).isEqualTo(Sandbox.BOT_OPERATOR);
            assertThat(saved.path("active").asBoolean()).isTrue();
            assertThat(checkNames(saved)).hasSize(4);
            JsonNode hook = onlyWebhook(sandbox);
            assertThat(hook.path("id").asLong()).as("the registration is updated, not replaced").isEqualTo(hookId);
            assertThat(hook.path("name").asText()).contains("Renamed bot");
        }

        enum ApplyFailure { UNTRAINED_AGENT, TOKEN_OF_AN_ACTIVE_CHANNEL, TOKEN_CHAT2DESK_REFUSES, NEW_ACCOUNT_HAS_FIVE_WEBHOOKS }

        @ParameterizedTest
        @EnumSource(ApplyFailure.class)
        void applyWithAFailingCheckIs409AndChangesNeitherTheChannelNorItsWebhook(ApplyFailure failure) throws Exception {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            JsonNode before = read(channel);
            JsonNode hooksBefore = webhooks(sandbox);
            Sandbox other = Sandbox.newCompany(bundle);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("name", "Changed");
            String failingCheck;
            try (TestAgent untrained = new TestAgent().untrained()) {
                switch (failure) {
                    case UNTRAINED_AGENT -> {
                        change.put("agentUrl", untrained.url());
                        failingCheck = "agent-trained";
                    }
                    case TOKEN_OF_AN_ACTIVE_CHANNEL -> {
                        activeChannel(other);
                        change.put("apiUrl", other.apiUrl());
                        change.put("token", other.token());
                        failingCheck = "token-unique";
                    }
                    case TOKEN_CHAT2DESK_REFUSES -> {
                        change.put("token", "a-token-chat2desk-does-not-know");
                        failingCheck = "address-accessible";
                    }
                    default -> {
                        for (int i = 0; i < 5; i++) {
                            foreignWebhook(other, i);
                        }
                        change.put("apiUrl", other.apiUrl());
                        change.put("token", other.token());
                        failingCheck = "webhook-registered";
                    }
                }
                JsonNode otherHooksBefore = webhooks(other);

                RunningBundle.Answer refused = bundle.api("PUT", "/api/v1/channels/" + id(channel), change);

                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                List<String> names = checkNames(refused.json());
                assertThat(names.get(names.size() - 1)).isEqualTo(failingCheck);
                assertThat(refused.json().path("checks").get(names.size() - 1).path("passed").asBoolean()).isFalse();
                assertThat(refused.json().path("error").asText()).contains(failingCheck);
                assertThat(read(channel)).as("the channel as it was").isEqualTo(before);
                assertThat(webhooks(sandbox)).as("its registration as it was").isEqualTo(hooksBefore);
                assertThat(webhooks(other)).as("nothing left in the other account").isEqualTo(otherHooksBefore);
            }
        }

        @Test
        void applyThatMovesTheChannelToAnotherAccountRemovesTheOldRegistration() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            Sandbox other = Sandbox.newCompany(bundle);

            RunningBundle.Answer applied = bundle.api("PUT", "/api/v1/channels/" + id(channel),
                    Map.of("apiUrl", other.apiUrl(), "token", other.token()));

            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            assertThat(webhooks(sandbox)).isEmpty();
            assertThat(onlyWebhook(other).path("url").asText()).isEqualTo(channel.path("webhookUrl").asText());
            assertThat(read(channel).path("apiUrl").asText()).isEqualTo(other.apiUrl());
        }

        // ---- SAVE, SAVE & ACTIVATE -------------------------------------------------------------

        @Test
        void saveOnAnInactiveChannelSavesTheChangesAndRunsNoCheck() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json();

            RunningBundle.Answer saved = bundle.api("PUT", "/api/v1/channels/" + id(channel),
                    Map.of("name", "Saved only", "serviceMessages", true));

            assertThat(saved.status()).isEqualTo(200);
            assertThat(saved.json().path("active").asBoolean()).isFalse();
            assertThat(saved.json().path("checks")).isEmpty();
            assertThat(read(channel).path("name").asText()).isEqualTo("Saved only");
            assertThat(read(channel).path("serviceMessages").asBoolean()).isTrue();
            assertThat(webhooks(sandbox)).isEmpty();
        }

        @Test
        void saveOnAnInactiveChannelMayUseTheTokenOfAnActiveOne() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            activeChannel(sandbox);
            JsonNode inactive = bundle.api("POST", "/api/v1/channels", channel(Sandbox.newCompany(bundle), agent.url())).json();

            RunningBundle.Answer saved = bundle.api("PUT", "/api/v1/channels/" + id(inactive),
                    Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token()));

            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(read(inactive).path("active").asBoolean()).isFalse();
            assertThat(read(inactive).path("token").asText()).isEqualTo(mask(sandbox.token()));
        }

        @Test
        void saveAndActivateSavesTheChangesAndActivatesWhenEveryCheckPasses() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json();

            RunningBundle.Answer activated = bundle.api("PUT", "/api/v1/channels/" + id(channel) + "?activate=true",
                    Map.of("name", "Activated bot"));

            assertThat(activated.status()).isEqualTo(200);
            assertThat(activated.json().path("active").asBoolean()).as(activated.body()).isTrue();
            assertThat(read(channel).path("name").asText()).isEqualTo("Activated bot");
            assertThat(onlyWebhook(sandbox).path("url").asText()).isEqualTo(channel.path("webhookUrl").asText());
        }

        @Test
        void saveAndActivateWithACheckFailingSavesTheChangesAndStaysInactive() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode active = activeChannel(sandbox);
            JsonNode channel = bundle.api("POST", "/api/v1/channels", channel(Sandbox.newCompany(bundle), agent.url())).json();

            RunningBundle.Answer answer = bundle.api("PUT", "/api/v1/channels/" + id(channel) + "?activate=true",
                    Map.of("name", "Second bot", "apiUrl", sandbox.apiUrl(), "token", sandbox.token()));

            assertThat(answer.status()).isEqualTo(200);
            JsonNode saved = read(channel);
            assertThat(saved.path("active").asBoolean()).isFalse();
            assertThat(saved.path("name").asText()).isEqualTo("Second bot");
            assertThat(checkNames(saved)).containsExactly("agent-trained", "token-unique");
            assertThat(saved.path("checks").get(1).path("message").asText()).contains(id(active));
            assertThat(webhooks(sandbox).findValuesAsText("url")).containsExactly(active.path("webhookUrl").asText());
        }

        @Test
        void saveAfterAFailedActivationClearsTheChecksThatNoLongerDescribeTheChannel() throws Exception {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel;
            try (TestAgent untrained = new TestAgent().untrained()) {
                channel = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, untrained.url())).json();
                assertThat(checkNames(channel)).containsExactly("agent-trained");
            }

            RunningBundle.Answer saved = bundle.api("PUT", "/api/v1/channels/" + id(channel),
                    Map.of("agentUrl", agent.url()));

            assertThat(saved.status()).isEqualTo(200);
            assertThat(saved.json().path("checks")).isEmpty();
            assertThat(read(channel).path("checks")).isEmpty();
        }

        // ---- DEACTIVATE, DELETE --------------------------------------------------------------

        @Test
        void deactivateStopsTheChannelAndRemovesOnlyItsOwnWebhook() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode foreign = foreignWebhook(sandbox, 1);
            JsonNode channel = activeChannel(sandbox);

            RunningBundle.Answer deactivated = bundle.api("POST", "/api/v1/channels/" + id(channel) + "/deactivate", null);

            assertThat(deactivated.status()).isEqualTo(200);
            assertThat(deactivated.json().path("active").asBoolean()).isFalse();
            assertThat(read(channel).path("active").asBoolean()).isFalse();
            assertThat(webhooks(sandbox)).containsExactly(foreign);
        }

        @Test
        void deactivateClearsTheChecksThatNamedTheRemovedWebhook() {
            JsonNode channel = activeChannel(Sandbox.newCompany(bundle));
            assertThat(checkNames(channel)).contains("webhook-registered");

            RunningBundle.Answer deactivated = bundle.api("POST", "/api/v1/channels/" + id(channel) + "/deactivate", null);

            assertThat(deactivated.json().path("checks")).isEmpty();
            assertThat(read(channel).path("checks")).isEmpty();
        }

        @Test
        void deleteRemovesAnActiveChannelAndOnlyItsOwnWebhook() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode foreign = foreignWebhook(sandbox, 1);
            JsonNode channel = activeChannel(sandbox);

            RunningBundle.Answer deleted = bundle.api("DELETE", "/api/v1/channels/" + id(channel), null);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(bundle.api("GET", "/api/v1/channels/" + id(channel), null).status()).isEqualTo(404);
            assertThat(webhooks(sandbox)).containsExactly(foreign);
        }

        @Test
        void deleteRemovesAnInactiveChannel() {
            JsonNode channel = bundle.api("POST", "/api/v1/channels", channel(Sandbox.newCompany(bundle), agent.url())).json();

            assertThat(bundle.api("DELETE", "/api/v1/channels/" + id(channel), null).status()).isEqualTo(204);
            assertThat(bundle.api("GET", "/api/v1/channels/" + id(channel), null).status()).isEqualTo(404);
        }

        @Test
        void everyActionOnAnUnknownChannelIs404() {
            assertThat(bundle.api("PUT", "/api/v1/channels/no-such-channel", Map.of("name", "x")).status()).isEqualTo(404);
            assertThat(bundle.api("PUT", "/api/v1/channels/no-such-channel?activate=true", Map.of()).status()).isEqualTo(404);
            assertThat(bundle.api("POST", "/api/v1/channels/no-such-channel/deactivate", null).status()).isEqualTo(404);
            assertThat(bundle.api("DELETE", "/api/v1/channels/no-such-channel", null).status()).isEqualTo(404);
        }

        // ---- webhook registration ------------------------------------------------------------

        @Test
        void reactivationUpdatesAnEarlierRegistrationOfTheSameUrlInsteadOfAddingOne() {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);
            JsonNode hook = onlyWebhook(sandbox);
            // Chat2Desk fails the removal, so the registration outlives the deactivation, and is then disabled
            fault(sandbox, Map.of("status", 500, "pathContains", "webhooks/" + hook.path("id").asLong()));
            assertThat(bundle.api("POST", "/api/v1/channels/" + id(channel) + "/deactivate", null).status()).isEqualTo(200);
            sandbox.api("PUT", "/webhooks/" + hook.path("id").asLong(), Map.of("status", "disable"));

            JsonNode reactivated = bundle.api("PUT", "/api/v1/channels/" + id(channel) + "?activate=true", Map.of()).json();

            assertThat(reactivated.path("active").asBoolean()).as(reactivated.toString()).isTrue();
            JsonNode again = onlyWebhook(sandbox);
            assertThat(again.path("id").asLong()).isEqualTo(hook.path("id").asLong());
            assertThat(again.path("status").asText()).isEqualTo("enable");
        }

        // ---- the token in the store ------------------------------------------------------------

        @Test
        void theTokenIsStoredEncryptedAndOnlyItsHashIsIndexed() throws Exception {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            JsonNode channel = activeChannel(sandbox);

            try (Connection c = database.connect();
                 PreparedStatement s = c.prepareStatement("SELECT token, token_hash, active_token_hash FROM channel WHERE id = ?")) {
                s.setString(1, id(channel));
                try (ResultSet row = s.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString("token")).doesNotContain(sandbox.token()).startsWith("enc:v1:");
                    assertThat(row.getString("token_hash")).doesNotContain(sandbox.token()).hasSize(64);
                    assertThat(row.getString("active_token_hash")).isEqualTo(row.getString("token_hash"));
                }
            }
        }

        // ---- token uniqueness under concurrency --------------------------------------------------

        @Test
        void racingActivationsWithOneTokenLeaveAtMostOneChannelActive() throws Exception {
            int racers = 3;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                for (int round = 0; round < 5; round++) {
                    Sandbox sandbox = Sandbox.newCompany(bundle);
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < racers; i++) {
                        ids.add(id(bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json()));
                    }
                    CyclicBarrier start = new CyclicBarrier(racers);
                    List<Future<RunningBundle.Answer>> answers = new ArrayList<>();
                    for (String id : ids) {
                        answers.add(pool.submit(() -> {
                            start.await();
                            return bundle.api("PUT", "/api/v1/channels/" + id + "?activate=true", Map.of());
                        }));
                    }
                    List<JsonNode> results = new ArrayList<>();
                    for (Future<RunningBundle.Answer> answer : answers) {
                        assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
                        results.add(answer.get().json());
                    }

                    List<JsonNode> active = results.stream().filter(r -> r.path("active").asBoolean()).toList();
                    assertThat(active).as("round " + round + ": " + results).hasSize(1);
                    for (String id : ids) {
                        JsonNode saved = bundle.api("GET", "/api/v1/channels/" + id, null).json();
                        boolean winner = id.equals(id(active.get(0)));
                        assertThat(saved.path("active").asBoolean()).isEqualTo(winner);
                        if (!winner) {
                            assertThat(checkNames(saved)).containsExactly("agent-trained", "token-unique");
                        }
                    }
                    assertThat(webhooks(sandbox).findValuesAsText("url")).as("only the winner's webhook")
                            .containsExactly(active.get(0).path("webhookUrl").asText());
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void racingAppliesOntoOneTokenMoveOneChannelAndLeaveTheOthersAsTheyWere() throws Exception {
            int racers = 3;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                for (int round = 0; round < 3; round++) {
                    Sandbox target = Sandbox.newCompany(bundle);
                    List<Sandbox> homes = new ArrayList<>();
                    List<JsonNode> channels = new ArrayList<>();
                    for (int i = 0; i < racers; i++) {
                        homes.add(Sandbox.newCompany(bundle));
                        channels.add(activeChannel(homes.get(i)));
                    }
                    CyclicBarrier start = new CyclicBarrier(racers);
                    List<Future<RunningBundle.Answer>> answers = new ArrayList<>();
                    for (JsonNode channel : channels) {
                        answers.add(pool.submit(() -> {
                            start.await();
                            return bundle.api("PUT", "/api/v1/channels/" + id(channel),
                                    Map.of("apiUrl", target.apiUrl(), "token", target.token()));
                        }));
                    }

                    List<String> moved = new ArrayList<>();
                    for (int i = 0; i < racers; i++) {
                        RunningBundle.Answer answer = answers.get(i).get();
                        JsonNode saved = read(channels.get(i));
                        if (answer.status() == 200) {
                            moved.add(channels.get(i).path("webhookUrl").asText());
                            assertThat(saved.path("apiUrl").asText()).isEqualTo(target.apiUrl());
                            assertThat(webhooks(homes.get(i))).as("the old registration removed").isEmpty();
                        } else {
                            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                            assertThat(checkNames(answer.json())).containsExactly("agent-trained", "token-unique");
                            assertThat(saved.path("apiUrl").asText()).as("not moved").isEqualTo(homes.get(i).apiUrl());
                            assertThat(onlyWebhook(homes.get(i)).path("url").asText())
                                    .isEqualTo(channels.get(i).path("webhookUrl").asText());
                        }
                    }
                    assertThat(moved).as("round " + round).hasSize(1);
                    assertThat(webhooks(target).findValuesAsText("url")).containsExactlyElementsOf(moved);
                }
            } finally {
                pool.shutdownNow();
            }
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

        JsonNode activeChannel(Sandbox sandbox) {
            RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url()));
            assertThat(created.json().path("active").asBoolean()).as(created.body()).isTrue();
            return created.json();
        }

        JsonNode read(JsonNode channel) {
            RunningBundle.Answer answer = bundle.api("GET", "/api/v1/channels/" + id(channel), null);
            assertThat(answer.status()).isEqualTo(200);
            return answer.json();
        }

        static String id(JsonNode channel) {
            return channel.path("id").asText();
        }

        static List<String> checkNames(JsonNode channel) {
            return channel.path("checks").findValuesAsText("check");
        }

        static String mask(String token) {
            return "****" + token.substring(token.length() - 4);
        }

        static JsonNode webhooks(Sandbox sandbox) {
            RunningBundle.Answer answer = sandbox.api("GET", "/webhooks", null);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().path("data");
        }

        static JsonNode onlyWebhook(Sandbox sandbox) {
            JsonNode hooks = webhooks(sandbox);
            assertThat(hooks).as(hooks.toString()).hasSize(1);
            return hooks.get(0);
        }

        /** A webhook someone else registered in the same account. */
        static JsonNode foreignWebhook(Sandbox sandbox, int n) {
            RunningBundle.Answer answer = sandbox.api("POST", "/webhooks", Map.of("name", "CRM " + n,
                    "url", sandbox.otherSystemsWebhookUrl("crm-" + n), "events", List.of("inbox")));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return StreamSupport.stream(webhooks(sandbox).spliterator(), false)
                    .filter(hook -> hook.path("id").equals(answer.json().path("data").path("id")))
                    .findFirst().orElseThrow();
        }

        void fault(Sandbox sandbox, Map<String, Object> fault) {
            Map<String, Object> body = new LinkedHashMap<>(fault);
            body.put("token", sandbox.token());
            RunningBundle.Answer answer = bundle.post("/sandbox/control/faults", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
    }
}
