package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management API: CREATE and CREATE & ACTIVATE with the ordered check chain, reads, and refusals. */
class ChannelApiTest {

    private static RunningBundle bundle;
    private static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        bundle = RunningBundle.start();
        agent = new TestAgent();
    }

    @AfterAll
    static void stop() {
        agent.close();
        bundle.close();
    }

    private static Map<String, Object> channel(Sandbox sandbox, String agentUrl) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", "Support bot");
        channel.put("apiUrl", sandbox.apiUrl());
        channel.put("token", sandbox.token());
        channel.put("agentUrl", agentUrl);
        return channel;
    }

    private static List<String> checkNames(JsonNode channel) {
        return channel.path("checks").findValuesAsText("check");
    }

    @Test
    void createSavesTheChannelInactiveWithoutRunningChecks() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url()));

        assertThat(created.status()).isEqualTo(201);
        JsonNode channel = created.json();
        assertThat(channel.path("active").asBoolean()).isFalse();
        assertThat(channel.path("checks")).isEmpty();
        assertThat(channel.path("name").asText()).isEqualTo("Support bot");
        assertThat(sandbox.api("GET", "/webhooks", null).json().path("data")).isEmpty();
        assertThat(bundle.api("GET", "/api/v1/channels/" + channel.path("id").asText(), null).status()).isEqualTo(200);
    }

    @Test
    void createAndActivatePassesAllFourChecksInOrderAndRegistersTheWebhook() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url()));

        assertThat(created.status()).isEqualTo(201);
        JsonNode channel = created.json();
        assertThat(channel.path("active").asBoolean()).as(created.body()).isTrue();
        assertThat(checkNames(channel))
                .containsExactly("agent-trained", "token-unique", "address-accessible", "webhook-registered");
        assertThat(channel.path("checks").findValuesAsText("passed")).containsOnly("true");

        String webhookUrl = channel.path("webhookUrl").asText();
        assertThat(webhookUrl).startsWith("http://localhost:" + bundle.port() + "/webhooks/chat2desk/");
        assertThat(webhookUrl).doesNotContain(channel.path("id").asText());
        JsonNode hooks = sandbox.api("GET", "/webhooks", null).json().path("data");
        assertThat(hooks.findValuesAsText("url")).containsExactly(webhookUrl);
        assertThat(hooks.get(0).path("events").toString()).contains("\"inbox\"");
    }

    @Test
    void anUntrainedAgentStopsTheChainAtTheFirstCheckAndTheChannelIsStillSaved() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        try (TestAgent untrained = new TestAgent().untrained()) {
            JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, untrained.url())).json();

            assertThat(channel.path("active").asBoolean()).isFalse();
            assertThat(checkNames(channel)).containsExactly("agent-trained");
            JsonNode check = channel.path("checks").get(0);
            assertThat(check.path("passed").asBoolean()).isFalse();
            assertThat(check.path("message").asText()).contains(untrained.url() + "/status").contains("trained\":false");
            assertThat(bundle.api("GET", "/api/v1/channels/" + channel.path("id").asText(), null).json()
                    .path("checks").get(0).path("passed").asBoolean()).isFalse();
            assertThat(sandbox.api("GET", "/webhooks", null).json().path("data")).isEmpty();
        }
    }

    @Test
    void aTokenChat2DeskRefusesFailsTheAddressCheckWithChat2DesksWords() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        Map<String, Object> body = channel(sandbox, agent.url());
        body.put("token", "not-a-token-chat2desk-knows");

        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();

        assertThat(channel.path("active").asBoolean()).isFalse();
        assertThat(checkNames(channel)).containsExactly("agent-trained", "token-unique", "address-accessible");
        assertThat(channel.path("checks").get(2).path("message").asText()).contains("Token is not correct");
    }

    @Test
    void anUnreachableChat2DeskFailsTheAddressCheckSayingSo() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        Map<String, Object> body = channel(sandbox, agent.url());
        body.put("apiUrl", "http://127.0.0.1:" + RunningBundle.freePort() + "/v1");

        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();

        assertThat(channel.path("active").asBoolean()).isFalse();
        assertThat(channel.path("checks").get(2).path("message").asText()).contains("unreachable");
    }

    @Test
    void aTokenAlreadyUsedByAnActiveChannelFailsTheUniquenessCheck() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode first = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url())).json();
        assertThat(first.path("active").asBoolean()).isTrue();

        JsonNode second = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url())).json();

        assertThat(second.path("active").asBoolean()).isFalse();
        assertThat(checkNames(second)).containsExactly("agent-trained", "token-unique");
        assertThat(second.path("checks").get(1).path("message").asText()).contains(first.path("id").asText());
    }

    @Test
    void theTokenIsMaskedInEveryAnswer() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", channel(sandbox, agent.url()));
        String id = created.json().path("id").asText();
        String tail = sandbox.token().substring(sandbox.token().length() - 4);

        assertThat(created.json().path("token").asText()).isEqualTo("****" + tail);
        for (RunningBundle.Answer answer : List.of(created, bundle.api("GET", "/api/v1/channels", null),
                bundle.api("GET", "/api/v1/channels/" + id, null))) {
            assertThat(answer.body()).doesNotContain(sandbox.token());
        }
    }

    @Test
    void theApiNeedsTheBearerKey() {
        RunningBundle.Answer none = bundle.get("/api/v1/channels");
        RunningBundle.Answer wrong = bundle.send("GET", "/api/v1/channels", null, Map.of("Authorization", "Bearer nope"));
        RunningBundle.Answer create = bundle.send("POST", "/api/v1/channels", "{}", Map.of());

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(create.status()).isEqualTo(401);
        assertThat(none.json().path("error").asText()).contains("Bearer");
        assertThat(none.response().headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void badInputGets400NamingTheField() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"token\":\"abcdefghijklmnop\"}", "apiUrl");
        cases.put("{\"apiUrl\":\"" + sandbox.apiUrl() + "\"}", "token");
        cases.put("{\"apiUrl\":\"ftp://files.example\",\"token\":\"t\"}", "apiUrl");
        cases.put("{\"apiUrl\":42,\"token\":\"t\"}", "apiUrl");
        cases.put("{\"apiUrl\":\"" + sandbox.apiUrl() + "\",\"token\":\"t\",\"operatorId\":\"abc\"}", "operatorId");
        cases.put("{\"apiUrl\":\"" + sandbox.apiUrl() + "\",\"token\":\"t\",\"operatorId\":-3}", "operatorId");
        cases.put("{\"apiUrl\":\"" + sandbox.apiUrl() + "\",\"token\":\"t\",\"serviceMessages\":\"yes\"}", "serviceMessages");
        cases.put("{\"apiUrl\":\"" + sandbox.apiUrl() + "\",\"token\":\"t\",\"agentUrl\":\"not a url\"}", "agentUrl");
        cases.put("{\"apiUrl\": ", "body");
        cases.put("[1,2]", "body");
        int before = bundle.api("GET", "/api/v1/channels", null).json().size();

        cases.forEach((body, field) -> {
            RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(body).startsWith(field + ":");
        });
        assertThat(bundle.api("GET", "/api/v1/channels", null).json().size()).isEqualTo(before);
    }

    @Test
    void theOperatorsOfTheChannelsAccountAreListedSoTheBotsOperatorIdCanBeFound() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        String id = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json().path("id").asText();

        RunningBundle.Answer answer = bundle.api("GET", "/api/v1/channels/" + id + "/operators", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode bot = answer.json().get(0);
        assertThat(answer.json().findValuesAsText("id"))
                .contains(String.valueOf(Sandbox.BOT_OPERATOR), String.valueOf(Sandbox.HUMAN_OPERATOR));
        assertThat(bot.path("id").asLong()).isEqualTo(Sandbox.BOT_OPERATOR);
        assertThat(bot.path("email").asText()).isEqualTo("bot@sandbox.local");
        assertThat(bot.path("firstName").asText()).isEqualTo("Demo");
        assertThat(bot.path("lastName").asText()).isEqualTo("Bot");
        assertThat(bot.path("online").isBoolean()).isTrue();
    }

    @Test
    void anOperatorIsFoundByEmail() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        String id = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json().path("id").asText();

        JsonNode found = bundle.api("GET", "/api/v1/channels/" + id + "/operators?email=anna@sandbox.local", null).json();

        assertThat(found.findValuesAsText("id")).containsExactly(String.valueOf(Sandbox.HUMAN_OPERATOR));
    }

    @Test
    void operatorsOfAnUnknownChannelAre404() {
        RunningBundle.Answer answer = bundle.api("GET", "/api/v1/channels/no-such-id/operators", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no-such-id");
    }

    @Test
    void operatorsChat2DeskRefusesToListAre502InChat2DesksWords() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        String id = bundle.api("POST", "/api/v1/channels", channel(sandbox, agent.url())).json().path("id").asText();
        bundle.post("/sandbox/control/faults", Map.of("token", sandbox.token(), "status", 401, "pathContains", "operators"));

        RunningBundle.Answer answer = bundle.api("GET", "/api/v1/channels/" + id + "/operators", null);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.json().path("error").asText()).contains("Token is not correct").contains(id);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain(sandbox.token());
    }

    @Test
    void anUnknownChannelIs404() {
        RunningBundle.Answer answer = bundle.api("GET", "/api/v1/channels/no-such-id", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).contains("no-such-id");
    }

    @Test
    void unknownAndMisspeltFieldsAre400NamingEachOne() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        int before = bundle.api("GET", "/api/v1/channels", null).json().size();
        Map<String, Object> body = channel(sandbox, agent.url());
        body.put("operatorID", 41164);
        body.put("colour", "blue");

        RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("operatorID: unknown field")
                .contains("colour: unknown field");
        assertThat(bundle.api("GET", "/api/v1/channels", null).json().size()).isEqualTo(before);
    }

    @Test
    void everyMissingRequiredFieldAndEveryBadValueIsNamedAtOnce() {
        RunningBundle.Answer empty = bundle.api("POST", "/api/v1/channels", "{}");
        RunningBundle.Answer bad = bundle.api("POST", "/api/v1/channels",
                "{\"apiUrl\":\"ftp://x\",\"operatorId\":\"abc\",\"serviceMessages\":\"yes\"}");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").asText()).contains("apiUrl: is required").contains("token: is required");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).startsWith("apiUrl:").contains("operatorId:")
                .contains("serviceMessages:").contains("token: is required");
    }

    @Test
    void aBadActivateParameterIs400AndCreatesNothing() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        int before = bundle.api("GET", "/api/v1/channels", null).json().size();

        RunningBundle.Answer yes = bundle.api("POST", "/api/v1/channels?activate=yes", channel(sandbox, agent.url()));
        RunningBundle.Answer typo = bundle.api("POST", "/api/v1/channels?activte=true", channel(sandbox, agent.url()));

        assertThat(yes.status()).isEqualTo(400);
        assertThat(yes.json().path("error").asText()).startsWith("activate:").contains("true or false");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("error").asText()).startsWith("activte: unknown parameter");
        assertThat(bundle.api("GET", "/api/v1/channels", null).json().size()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotMarkedAsJsonIsRefusedSayingSo() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer form = bundle.send("POST", "/api/v1/channels", RunningBundle.write(channel(sandbox, agent.url())),
                Map.of("Authorization", "Bearer " + RunningBundle.API_KEY, "Content-Type", "application/x-www-form-urlencoded"));

        assertThat(form.status()).as(form.body()).isEqualTo(415);
        assertThat(form.json().path("error").asText()).contains("Content-Type: application/json");
    }

    @Test
    void aBadAgentUrlIsExplainedWithAnAgentExample() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels", channel(sandbox, "bot.example/agent"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).startsWith("agentUrl:").doesNotContain("chat2desk")
                .contains("/status").contains("/messages");
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        Map<String, RunningBundle.Answer> answers = new LinkedHashMap<>();
        answers.put("GET /", bundle.get("/"));
        answers.put("GET /api/v1/nothing", bundle.api("GET", "/api/v1/nothing", null));
        answers.put("GET /api/v1/channels/x/nothing", bundle.api("GET", "/api/v1/channels/x/nothing", null));
        answers.put("PATCH /api/v1/channels", bundle.api("PATCH", "/api/v1/channels", "{}"));
        answers.put("GET /webhooks/chat2desk/k", bundle.get("/webhooks/chat2desk/k"));

        answers.forEach((call, answer) -> {
            assertThat(answer.status()).as(call).isEqualTo(call.startsWith("GET /api") || call.equals("GET /") ? 404 : 405);
            assertThat(answer.response().headers().firstValue("Content-Type")).as(call).hasValue("application/json");
            assertThat(answer.json().path("error").asText()).as(call).isNotBlank();
        });
    }
}
