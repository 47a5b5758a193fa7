package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples about replies of docs/changing-behaviour.md, run as the page writes them: its
 * properties set, its route blocks added to a copy of routes/. The chat2desk-sink Kamelet sends
 * through the same routes, so a reply type added there reaches it as well.
 */
class ChangingRepliesTest {

    @TempDir
    Path tempDir;

    private RunningBundle bundle;
    private TestAgent agent;

    @BeforeEach
    void agent() throws Exception {
        agent = new TestAgent();
    }

    @AfterEach
    void stop() {
        agent.close();
        if (bundle != null) {
            bundle.close();
        }
    }

    private Sandbox activeChannelOn(RunningBundle started) {
        bundle = started;
        Sandbox sandbox = Sandbox.newCompany(bundle);
        Map<String, Object> body = Map.of("apiUrl", sandbox.apiUrl(), "token", sandbox.token(), "agentUrl", agent.url());
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return sandbox;
    }

    @Test
    void showButtonsDifferentlyOnOneMessenger() throws IOException {
        List<String> blocks = blocks("Show buttons differently on one messenger", "properties");
        assertThat(Files.readString(Path.of("application.properties"))).as("VK's style before the change")
                .contains("buttons.transport.vk = keyboard");

        Sandbox sandbox = activeChannelOn(RunningBundle.start(properties(blocks.get(0))));
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Choose\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"},{\"text\":\"No\",\"payload\":\"answer-no\"}]}]}");
        long clientId = sandbox.clientWrites(Map.of("text", "hi", "transport", "vk")).path("clientId").asLong();

        JsonNode menu = sandbox.awaitSentToClient(clientId, 1).get(0);
        assertThat(menu.path("inline_buttons").findValuesAsText("text")).containsExactly("Yes", "No");
        assertThat(menu.path("keyboard").isMissingNode() || menu.path("keyboard").isNull()).as(menu.toString()).isTrue();
        assertThat(menu.path("text").asText()).isEqualTo("Choose");
    }

    @Test
    void addAReplyType() throws IOException {
        Sandbox sandbox = activeChannelOn(RunningBundle.start(withTheReplyTypeAdded()));
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Bye\"},{\"type\":\"closeDialog\"}]}");
        JsonNode wrote = sandbox.clientWrites("that is all");
        String dialog = "/dialogs/" + wrote.path("dialogId").asText();

        await().atMost(Duration.ofSeconds(15)).until(() ->
                "closed".equals(sandbox.api("GET", dialog, null).json().path("data").path("state").asText()));
        assertThat(sandbox.sentToClient(wrote.path("clientId").asLong())).extracting(m -> m.path("text").asText())
                .containsExactly("Bye");
    }

    @Test
    void aReplyTypeAddedThereReachesTheSinkKameletToo() throws Exception {
        bundle = RunningBundle.start(withTheReplyTypeAdded());
        Sandbox sandbox = Sandbox.newCompany(bundle);
        String sink = "kamelet:chat2desk-sink?apiUrl=" + sandbox.apiUrl() + "&token=" + sandbox.token();
        bundle.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:through-the-sink").routeId("through-the-sink").to(sink);
            }
        });
        JsonNode wrote = sandbox.clientWrites("that is all");
        String dialog = "/dialogs/" + wrote.path("dialogId").asText();

        Exchange sent = bundle.context().createProducerTemplate().send("direct:through-the-sink", exchange -> {
            exchange.getMessage().setHeaders(Map.of("chat-id", wrote.path("clientId").asLong(),
                    "dialog-id", wrote.path("dialogId").asLong(), "message-id", wrote.path("messageId").asLong()));
            exchange.getMessage().setBody("{\"replies\":[{\"type\":\"text\",\"text\":\"Bye\"},"
                    + "{\"type\":\"closeDialog\"}]}");
        });

        assertThat(sent.getException()).isNull();
        assertThat(sandbox.api("GET", dialog, null).json().path("data").path("state").asText()).isEqualTo("closed");
        assertThat(sandbox.sentToClient(wrote.path("clientId").asLong())).extracting(m -> m.path("text").asText())
                .containsExactly("Bye");
    }

    /** The bundle's properties with the three steps of "Add a reply type" done, on a copy of routes/. */
    private Map<String, String> withTheReplyTypeAdded() throws IOException {
        String section = "Add a reply type";
        Map<String, String> overrides = properties(blocks(section, "properties").get(0));
        List<String> yaml = blocks(section, "yaml");
        String route = yaml.stream().filter(b -> b.startsWith("- route:")).findFirst().orElseThrow();
        String when = yaml.stream().filter(b -> b.stripLeading().startsWith("- id:")).findFirst().orElseThrow();
        Path routes = copyOfRoutes();
        Files.writeString(routes.resolve("close-dialog.camel.yaml"), route);
        Path outbound = routes.resolve("chat2desk-outbound.camel.yaml");
        String beside = "              - id: transfer-reply\n";
        assertThat(Files.readString(outbound)).contains(beside);
        Files.writeString(outbound, Files.readString(outbound).replace(beside, when + beside));
        overrides.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        return overrides;
    }

    /** The code blocks of one section of docs/changing-behaviour.md in the given language, in order. */
    private static List<String> blocks(String title, String language) {
        return MarkdownFile.read("docs/changing-behaviour.md").section(title).blocks(language);
    }

    private static Map<String, String> properties(String block) {
        Map<String, String> properties = new LinkedHashMap<>();
        block.lines().filter(line -> line.contains("=") && !line.startsWith("#")).forEach(line ->
                properties.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim()));
        return properties;
    }

    private Path copyOfRoutes() throws IOException {
        Path copy = Files.createDirectories(tempDir.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
