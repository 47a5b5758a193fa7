package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/openapi.json describes the management API the routes really serve: every path and method, no
 * more, each with its request body, its answers and their schemas, which real answers meet.
 */
class OpenApiDocumentTest {

    private static final String DOCUMENT = "/api/v1/openapi.json";
    private static RunningBundle bundle;

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start();
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @Test
    void theDocumentIsOpenApiJson() {
        RunningBundle.Answer answer = bundle.get(DOCUMENT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.json().path("openapi").asText()).startsWith("3.");
        assertThat(answer.json().path("info").path("title").asText()).contains("management API");
    }

    @Test
    void theDocumentListsEveryManagementCall() {
        assertThat(documented()).contains(
                "GET /api/v1/channels", "POST /api/v1/channels",
                "GET /api/v1/channels/{id}", "PUT /api/v1/channels/{id}", "DELETE /api/v1/channels/{id}",
                "POST /api/v1/channels/{id}/deactivate", "GET /api/v1/channels/{id}/operators",
                "GET /api/v1/channels/{id}/counters", "POST /api/v1/channels/{id}/messages",
                "GET /api/v1/channels/{id}/dead-letters", "POST /api/v1/channels/{id}/dead-letters/{dlid}/replay",
                "DELETE /api/v1/channels/{id}/dead-letters/{dlid}", "POST /api/v1/channels/{id}/agent-key");
    }

    @Test
    void theDocumentListsExactlyWhatTheHttpServerServesUnderApiV1() {
        Set<String> served = new TreeSet<>();
        for (Route route : bundle.context().getRoutes()) {
            // the HTTP consumer each started route listens with, whatever DSL declared it
            if (route.getConsumer().getEndpoint() instanceof PlatformHttpEndpoint http
                    && http.getPath().startsWith("/api/v1/") && !http.getPath().equals(DOCUMENT)) {
                for (String verb : http.getHttpMethodRestrict().split(",")) {
                    served.add(verb.trim().toUpperCase(Locale.ROOT) + " " + http.getPath());
                }
            }
        }

        assertThat(documented()).isEqualTo(served);
    }

    @Test
    void everyDocumentedCallReachesItsRoute() {
        for (String call : documented()) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1).replace("{id}", "no-such-channel").replace("{dlid}", "1");
            RunningBundle.Answer answer = bundle.api(method, path, method.equals("POST") || method.equals("PUT") ? "{}" : null);

            // the route answered (a 404 names the channel); the server's own 404 or 405 would mean no route
            assertThat(answer.status()).as(call + ": " + answer.body()).isNotEqualTo(405);
            assertThat(answer.body()).as(call).doesNotContain("nothing at");
        }
    }

    @Test
    void theDocumentSaysWhichKeyEachCallTakes() {
        JsonNode document = bundle.get(DOCUMENT).json();
        JsonNode schemes = document.path("components").path("securitySchemes");
        for (String scheme : List.of("managementKey", "agentKey")) {
            assertThat(schemes.path(scheme).path("type").asText()).as(scheme).isEqualTo("http");
            assertThat(schemes.path(scheme).path("scheme").asText()).as(scheme).isEqualTo("bearer");
        }
        Set<String> byDefault = keys(document.path("security"));
        assertThat(byDefault).containsExactly("managementKey");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String call = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode security = operation.getValue().path("security");
                Set<String> accepted = security.isMissingNode() ? byDefault : keys(security);
                assertThat(accepted).as(call).isEqualTo(call.equals("POST /api/v1/channels/{id}/messages")
                        ? Set.of("agentKey", "managementKey") : Set.of("managementKey"));
            }
        }
    }

    @Test
    void theDocumentIsValidOpenApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(bundle.get(DOCUMENT).body(), null, options);

        assertThat(parsed.getMessages()).as("what the OpenAPI parser found wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/v1/channels/{id}/dead-letters/{dlid}/replay");
    }

    @Test
    void everyCallSaysWhatItTakesAndAnswers() {
        JsonNode document = bundle.get(DOCUMENT).json();
        for (String call : documented()) {
            JsonNode operation = operation(document, call);
            JsonNode responses = operation.path("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);

            assertThat(codes).as(call).contains("400", "401", "500").doesNotContain("default")
                    .anyMatch(code -> code.startsWith("2"));
            if (call.contains("{id}")) {
                assertThat(codes).as(call).contains("404");
            }
            if (call.startsWith("POST") || call.startsWith("PUT")) {
                assertThat(codes).as(call).contains("413", "415");
            }
            for (String code : codes) {
                JsonNode schema = responses.path(code).path("content").path("application/json").path("schema");
                if (code.equals("204")) {
                    assertThat(responses.path(code).has("content")).as(call + " " + code).isFalse();
                } else if (code.startsWith("2")) {
                    assertThat(schema.isObject()).as(call + " " + code).isTrue();
                } else {
                    assertThat(schema.path("$ref").asText()).as(call + " " + code)
                            .isEqualTo("#/components/schemas/Error");
                }
            }
        }
        assertThat(requestSchema(document, "POST /api/v1/channels")).isEqualTo("#/components/schemas/NewChannel");
        assertThat(requestSchema(document, "PUT /api/v1/channels/{id}"))
                .isEqualTo("#/components/schemas/ChannelChanges");
        assertThat(requestSchema(document, "POST /api/v1/channels/{id}/messages"))
                .isEqualTo("#/components/schemas/AgentMessage");
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("NewChannel").path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("apiUrl", "token");
        assertThat(schemas.path("ChannelChanges").has("required")).isFalse();
        assertThat(schemas.path("AgentMessage").path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("channelChatId", "replies");
    }

    @Test
    void realAnswersOfEveryCallMeetTheirSchemas() throws Exception {
        JsonNode document = bundle.get(DOCUMENT).json();
        Set<String> checked = new TreeSet<>();
        try (TestAgent agent = new TestAgent()) {
            Sandbox sandbox = Sandbox.newCompany(bundle);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("apiUrl", sandbox.apiUrl());
            input.put("token", sandbox.token());
            input.put("agentUrl", agent.url());

            JsonNode created = meets(document, checked, "POST /api/v1/channels", 201,
                    bundle.api("POST", "/api/v1/channels?activate=true", input));
            assertThat(created.path("active").asBoolean()).as(created.toString()).isTrue();
            assertThat(created.path("agentKey").asText()).isNotEmpty();
            String channel = "/api/v1/channels/" + created.path("id").asText();

            // a reply the bundle cannot send: a dead letter at once
            agent.replies("{\"replies\":[{\"type\":\"no-such-type\"}]}");
            long client = sandbox.clientWrites("hello").path("clientId").asLong();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bundle.api("GET", channel + "/dead-letters", null).json().size() == 1);
            JsonNode deadLetters = meets(document, checked, "GET /api/v1/channels/{id}/dead-letters", 200,
                    bundle.api("GET", channel + "/dead-letters", null));
            String deadLetter = channel + "/dead-letters/" + deadLetters.get(0).path("id").asText();

            meets(document, checked, "GET /api/v1/channels", 200, bundle.api("GET", "/api/v1/channels", null));
            meets(document, checked, "GET /api/v1/channels/{id}", 200, bundle.api("GET", channel, null));
            meets(document, checked, "PUT /api/v1/channels/{id}", 200,
                    bundle.api("PUT", channel, Map.of("name", "Support bot")));
            JsonNode operators = meets(document, checked, "GET /api/v1/channels/{id}/operators", 200,
                    bundle.api("GET", channel + "/operators", null));
            assertThat(operators).isNotEmpty();
            meets(document, checked, "GET /api/v1/channels/{id}/counters", 200,
                    bundle.api("GET", channel + "/counters", null));
            meets(document, checked, "POST /api/v1/channels/{id}/messages", 202, bundle.api("POST",
                    channel + "/messages", Map.of("channelChatId", client + "|chat2desk",
                            "replies", List.of(Map.of("type", "text", "text", "Still there?")))));
            meets(document, checked, "POST /api/v1/channels/{id}/dead-letters/{dlid}/replay", 202,
                    bundle.api("POST", deadLetter + "/replay", null));
            meets(document, checked, "DELETE /api/v1/channels/{id}/dead-letters/{dlid}", 404,
                    bundle.api("DELETE", channel + "/dead-letters/999999", null));
            meets(document, checked, "POST /api/v1/channels/{id}/agent-key", 200,
                    bundle.api("POST", channel + "/agent-key", null));
            meets(document, checked, "POST /api/v1/channels/{id}/deactivate", 200,
                    bundle.api("POST", channel + "/deactivate", null));
            meets(document, checked, "DELETE /api/v1/channels/{id}", 204, bundle.api("DELETE", channel, null));
        }

        assertThat(checked).isEqualTo(documented());
    }

    @Test
    void errorAnswersMeetTheErrorSchema() {
        JsonNode document = bundle.get(DOCUMENT).json();
        Set<String> checked = new TreeSet<>();

        JsonNode refused = meets(document, checked, "POST /api/v1/channels", 400,
                bundle.api("POST", "/api/v1/channels", Map.of("operatorId", "none")));
        assertThat(refused.path("error").asText()).isEqualTo("apiUrl: is required; token: is required;"
                + " operatorId: must be a positive integer (a Chat2Desk operator id) or null");
        meets(document, checked, "GET /api/v1/channels", 401,
                bundle.send("GET", "/api/v1/channels", null, Map.of("Authorization", "Bearer wrong")));
        meets(document, checked, "PUT /api/v1/channels/{id}", 404,
                bundle.api("PUT", "/api/v1/channels/no-such-channel", Map.of("name", "x")));
        meets(document, checked, "POST /api/v1/channels", 415, bundle.send("POST", "/api/v1/channels", "{}",
                Map.of("Authorization", "Bearer " + RunningBundle.API_KEY, "Content-Type", "text/plain")));
    }

    /** Holds a real answer against the schema the document gives for its call and status; its body as JSON. */
    private static JsonNode meets(JsonNode document, Set<String> checked, String call, int status,
                                  RunningBundle.Answer answer) {
        assertThat(answer.status()).as(call + ": " + answer.body()).isEqualTo(status);
        JsonNode response = operation(document, call).path("responses").path(String.valueOf(status));
        assertThat(response.isObject()).as(call + " documents " + status).isTrue();
        checked.add(call);
        if (status == 204) {
            assertThat(answer.body()).as(call).isEmpty();
            return null;
        }
        ObjectNode schema = response.path("content").path("application/json").path("schema").deepCopy();
        // the document's components beside the schema, for its $refs
        schema.set("components", document.path("components"));
        List<Error> errors = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(schema)
                .validate(answer.json());
        assertThat(errors).as(call + " " + status + ": " + answer.body()).isEmpty();
        return answer.json();
    }

    private static JsonNode operation(JsonNode document, String call) {
        String method = call.substring(0, call.indexOf(' ')).toLowerCase(Locale.ROOT);
        return document.path("paths").path(call.substring(call.indexOf(' ') + 1)).path(method);
    }

    private static String requestSchema(JsonNode document, String call) {
        return operation(document, call).path("requestBody").path("content").path("application/json")
                .path("schema").path("$ref").asText();
    }

    /** The schemes a security requirement list accepts (any one of them). */
    private static Set<String> keys(JsonNode requirements) {
        Set<String> keys = new TreeSet<>();
        requirements.forEach(requirement -> requirement.fieldNames().forEachRemaining(keys::add));
        return keys;
    }

    /** "METHOD /path" of each operation in the document. */
    private static Set<String> documented() {
        JsonNode document = bundle.get(DOCUMENT).json();
        Set<String> calls = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(
                    method -> calls.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return calls;
    }
}
