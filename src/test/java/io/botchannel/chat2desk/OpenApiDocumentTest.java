package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/openapi.json describes the management API the routes really serve: every path and method, no more. */
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
