package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fifth check added in YAML alone, as docs/changing-behaviour.md "Add a check" writes it: the page's
 * route file, loaded beside routes/, and its place in channel.checks from the page. No Java knows it.
 */
class AddACheckTest {

    private static RunningBundle bundle;
    private static TestAgent agent;

    @TempDir
    static Path extraRoutes;

    @BeforeAll
    static void start() throws Exception {
        MarkdownFile recipe = MarkdownFile.read("docs/changing-behaviour.md").section("Add a check");
        Files.writeString(extraRoutes.resolve("operator-named.camel.yaml"), recipe.blocks("yaml").get(0));
        String checks = recipe.blocks("properties").get(0).strip();
        assertThat(checks).startsWith("channel.checks = ");
        bundle = RunningBundle.start(Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + extraRoutes + "/*.camel.yaml",
                "channel.checks", checks.substring("channel.checks = ".length())));
        agent = new TestAgent();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (bundle != null) {
            bundle.close();
        }
    }

    @Test
    void theNewCheckRunsInItsPlaceInTheOrder() {
        Sandbox sandbox = Sandbox.newCompany(bundle);

        JsonNode channel = create(sandbox, Sandbox.BOT_OPERATOR);

        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        assertThat(checkNames(channel)).containsExactly("agent-trained", "token-unique", "operator-named",
                "address-accessible", "webhook-registered");
        assertThat(channel.path("checks").get(2).path("message").asText()).isEqualTo("the channel names the bot operator");
    }

    @Test
    void aFailingNewCheckStopsTheActivationWithItsOwnMessage() {
        Sandbox sandbox = Sandbox.newCompany(bundle);

        JsonNode channel = create(sandbox, null);

        assertThat(channel.path("active").asBoolean()).isFalse();
        assertThat(checkNames(channel)).containsExactly("agent-trained", "token-unique", "operator-named");
        JsonNode failed = channel.path("checks").get(2);
        assertThat(failed.path("passed").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).isEqualTo(
                "the channel names no bot operator: set operatorId (GET /api/v1/channels/{id}/operators finds it)");
        assertThat(webhooks(sandbox)).as("the chain stopped before the webhook").isEmpty();
    }

    @Test
    void anApplyTheNewCheckRefusesIs409AndChangesNothing() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = create(sandbox, Sandbox.BOT_OPERATOR);
        String path = "/api/v1/channels/" + channel.path("id").asText();
        JsonNode before = bundle.api("GET", path, null).json();
        JsonNode hooksBefore = webhooks(sandbox);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("name", "Renamed");
        change.put("operatorId", null);

        RunningBundle.Answer refused = bundle.api("PUT", path, change);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).contains("operator-named");
        assertThat(checkNames(refused.json())).containsExactly("agent-trained", "token-unique", "operator-named");
        assertThat(bundle.api("GET", path, null).json()).as("the channel as it was").isEqualTo(before);
        assertThat(webhooks(sandbox)).as("its registration as it was").isEqualTo(hooksBefore);
    }

    private JsonNode create(Sandbox sandbox, Long operatorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Support bot");
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.put("operatorId", operatorId);
        RunningBundle.Answer created = bundle.api("POST", "/api/v1/channels?activate=true", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<String> checkNames(JsonNode channel) {
        return channel.path("checks").findValuesAsText("check");
    }

    private static JsonNode webhooks(Sandbox sandbox) {
        return sandbox.api("GET", "/webhooks", null).json().path("data");
    }
}
