package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the console needs from the bundle over HTTP: its files, served without the key but locked
 * down, and each channel's counters behind the key. (The page itself is driven in a browser by
 * ConsoleBrowserIT.)
 */
class ConsoleServingTest {

    private static RunningBundle bundle;

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start(Map.of("dispatch.poll-ms", "100"));
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @Test
    void thePageAndItsFilesAreServedWithHeadersThatKeepTheKeyInThePage() {
        RunningBundle.Answer page = bundle.get("/console/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>Channel console").contains("console.js");
        assertThat(page.response().headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.response().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(bundle.get("/console/console.js").response().headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(bundle.get("/console/console.css").status()).isEqualTo(200);
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() {
        assertThat(bundle.get("/console/application.properties").status()).isEqualTo(404);
        assertThat(bundle.get("/console/../application.properties").status()).isEqualTo(404);
        assertThat(bundle.get("/console/sub/index.html").status()).isEqualTo(404);
        assertThat(bundle.get("/console/index.html").status()).isEqualTo(200);
    }

    @Test
    void theConsoleWithoutItsSlashIsRedirectedToIt() {
        RunningBundle.Answer answer = bundle.get("/console");

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.response().headers().firstValue("Location")).hasValue("console/");
    }

    @Test
    void aChannelsCountersCountWhatItReceivedAndSent() {
        Sandbox sandbox = Sandbox.newCompany(bundle);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true",
                Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token())).json();
        String counters = "/api/v1/channels/" + channel.path("id").asText() + "/counters";
        assertThat(bundle.api("GET", counters, null).json().path("received").asLong()).isZero();

        long clientId = sandbox.clientWrites("hello").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);

        JsonNode counted = bundle.api("GET", counters, null).json();
        assertThat(counted.path("received").asLong()).isEqualTo(1);
        assertThat(counted.path("sent").asLong()).isEqualTo(1);
        assertThat(counted.path("agentCalls").path("answered").asLong()).isEqualTo(1);
        assertThat(bundle.send("GET", counters, null, Map.of()).status()).isEqualTo(401);
        assertThat(bundle.api("GET", "/api/v1/channels/no-such-channel/counters", null).status()).isEqualTo(404);
    }
}
