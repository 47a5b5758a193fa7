package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A channel's Chat2Desk token goes only to the addresses it was given for: pointing a channel at
 * another host (its API, or its Agent while the token is shared) needs the token again, before
 * anything is sent; and what such a host answers comes back only as a short line.
 */
class TokensGoOnlyWhereGivenTest {

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

    private static JsonNode create(Sandbox sandbox, boolean activate, Map<String, Object> extra) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("apiUrl", sandbox.apiUrl());
        input.put("token", sandbox.token());
        input.put("agentUrl", agent.url());
        input.putAll(extra);
        String path = "/api/v1/channels" + (activate ? "?activate=true" : "");
        RunningBundle.Answer created = bundle.api("POST", path, input);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("active").asBoolean()).as(created.body()).isEqualTo(activate);
        return created.json();
    }

    private static RunningBundle.Answer change(JsonNode channel, Map<String, Object> fields) {
        return bundle.api("PUT", "/api/v1/channels/" + channel.path("id").asText(), fields);
    }

    private static void assertNeedsTheToken(RunningBundle.Answer answer, ForeignHost host) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).startsWith("token:").contains(host.url());
    }

    @Test
    void anActiveChannelPointedAtAnotherHostNeedsItsTokenAgainAndNothingIsSentBefore() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = create(sandbox, true, Map.of());
        try (ForeignHost foreign = new ForeignHost()) {
            RunningBundle.Answer moved = change(channel, Map.of("apiUrl", foreign.url() + "/v1"));

            assertNeedsTheToken(moved, foreign);
            assertThat(foreign.requests()).isEmpty();
            JsonNode unchanged = bundle.api("GET", "/api/v1/channels/" + channel.path("id").asText(), null).json();
            assertThat(unchanged.path("apiUrl").asText()).isEqualTo(sandbox.apiUrl());
            assertThat(unchanged.path("active").asBoolean()).isTrue();
        }
    }

    @Test
    void anInactiveChannelCannotBeMovedToReadItsTokenThroughTheOperatorLookup() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = create(sandbox, false, Map.of());
        String id = channel.path("id").asText();
        try (ForeignHost foreign = new ForeignHost().answers(200, "{\"data\":[]}")) {
            assertNeedsTheToken(change(channel, Map.of("apiUrl", foreign.url() + "/v1")), foreign);
            assertThat(bundle.api("GET", "/api/v1/channels/" + id + "/operators", null).status()).isEqualTo(200);
            assertThat(foreign.requests()).isEmpty();

            // given again, the token goes there: the one given, never the one stored
            RunningBundle.Answer moved = change(channel,
                    Map.of("apiUrl", foreign.url() + "/v1", "token", "a-new-token-0001"));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(bundle.api("GET", "/api/v1/channels/" + id + "/operators", null).status()).isEqualTo(200);
            assertThat(foreign.requests()).isNotEmpty().allMatch(r -> "a-new-token-0001".equals(r.authorization()));
        }
    }

    @Test
    void anotherPathOnTheSameHostNeedsNoToken() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = create(sandbox, false, Map.of());

        String samePlace = sandbox.apiUrl().replace("http:", "HTTP:") + "/x";

        RunningBundle.Answer changed = change(channel, Map.of("apiUrl", samePlace));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void theAgentOfAChannelThatSharesItsTokenChangesOnlyWithTheTokenGivenAgain() throws Exception {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode sharing = create(sandbox, true, Map.of("shareTokenWithAgent", true));
        try (ForeignHost foreign = new ForeignHost().answers(200, "{\"trained\":true}")) {
            assertNeedsTheToken(change(sharing, Map.of("agentUrl", foreign.url() + "/agent")), foreign);
            assertThat(foreign.requests()).isEmpty();
            assertThat(bundle.api("GET", "/api/v1/channels/" + sharing.path("id").asText(), null).json()
                    .path("agentUrl").asText()).isEqualTo(agent.url());

            // starting to share the token is a new address too
            JsonNode notSharing = create(Sandbox.newCompany(bundle), false,
                    Map.of("agentUrl", foreign.url() + "/agent"));
            RunningBundle.Answer share = change(notSharing, Map.of("shareTokenWithAgent", true));
            assertThat(share.status()).as(share.body()).isEqualTo(400);
            assertThat(share.json().path("error").asText()).startsWith("token:").contains("the Agent");
            // an Agent that does not get the token may move freely
            assertThat(change(notSharing, Map.of("agentUrl", agent.url())).status()).isEqualTo(200);
        }
    }

    @Test
    void whatAnotherHostAnswersComesBackOnlyAsAShortSingleLine() throws Exception {
        String flood = "Token is not correct\nERROR forged-by-the-host " + "x".repeat(5000);
        try (ForeignHost chat2desk = new ForeignHost().answers(401, flood);
             ForeignHost jsonChat2desk = new ForeignHost();
             ForeignHost untrained = new ForeignHost().answers(500, flood)) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("apiUrl", chat2desk.url() + "/v1");
            input.put("token", "token-of-the-foreign-test");
            input.put("agentUrl", agent.url());
            JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", input).json();
            String addressCheck = channel.path("checks").get(2).path("message").asText();
            String id = channel.path("id").asText();
            RunningBundle.Answer lookup = bundle.api("GET", "/api/v1/channels/" + id + "/operators", null);

            jsonChat2desk.answers(400, "{\"message\":\"bad\\r\\ntoken token-of-the-json-test\",\"errors\":\""
                    + "y".repeat(5000) + "\"}");
            input.put("apiUrl", jsonChat2desk.url() + "/v1");
            input.put("token", "token-of-the-json-test");
            String jsonCheck = bundle.api("POST", "/api/v1/channels?activate=true", input).json()
                    .path("checks").get(2).path("message").asText();

            input.put("agentUrl", untrained.url() + "/agent");
            String agentCheck = bundle.api("POST", "/api/v1/channels?activate=true", input).json()
                    .path("checks").get(0).path("message").asText();

            assertThat(lookup.status()).isEqualTo(502);
            String lookupError = lookup.json().path("error").asText();
            for (String text : new String[] {addressCheck, lookupError, jsonCheck, agentCheck}) {
                assertThat(text).hasSizeLessThan(500).doesNotContain("\n").doesNotContain("\r")
                        .doesNotContain("x".repeat(250)).doesNotContain("y".repeat(250));
            }
            assertThat(addressCheck).contains("Token is not correct ERROR forged-by-the-host");
            assertThat(agentCheck).contains("HTTP 500").contains("forged-by-the-host");
            assertThat(jsonCheck).contains("bad token ****test").doesNotContain("token-of-the-json-test");
        }
    }
}
