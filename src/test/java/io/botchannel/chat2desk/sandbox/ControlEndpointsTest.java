package io.botchannel.chat2desk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.sandbox.SandboxClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API plays the client, shows what the API stored and refuses bad input with a 400. */
class ControlEndpointsTest {

    private static final String TOKEN = "demo-token";

    private final Chat2DeskSandbox sandbox = new Chat2DeskSandbox(TOKEN, "X-Signature", "X-Timestamp", 0.001);
    private final SandboxClient c2d = new SandboxClient(sandbox, TOKEN);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void aFirstMessageCreatesTheClientAndAnOpenUnassignedDialog() {
        Answer answer = c2d.control("POST", "/client-messages", "{\"text\":\"hello\"}");

        assertThat(answer.status()).isEqualTo(201);
        JsonNode ids = answer.json();
        JsonNode client = c2d.get("/clients/" + ids.path("clientId")).data();
        assertThat(client.path("phone").asText()).startsWith("[chat] ");
        assertThat(client.path("channels").get(0).path("transports").toString()).isEqualTo("[\"widget\"]");
        JsonNode dialog = c2d.get("/dialogs/" + ids.path("dialogId")).data();
        assertThat(dialog.path("state").asText()).isEqualTo("open");
        assertThat(dialog.path("operator_id").isNull()).isTrue();
        JsonNode message = c2d.get("/messages/" + ids.path("messageId")).data();
        assertThat(message.path("type").asText()).isEqualTo("from_client");
        assertThat(message.path("transport").asText()).isEqualTo("widget");
    }

    @Test
    void theDialogGoesToTheGivenOperatorAndStaysWithIt() {
        JsonNode first = c2d.clientWrites("{\"text\":\"hello\",\"operatorId\":41165}");
        JsonNode second = c2d.clientWrites("{\"text\":\"again\",\"clientId\":" + first.path("clientId") + "}");

        assertThat(second.path("dialogId")).isEqualTo(first.path("dialogId"));
        assertThat(c2d.get("/dialogs/" + first.path("dialogId")).data().path("operator_id").asLong()).isEqualTo(41165);
        assertThat(c2d.get("/messages/" + second.path("messageId")).data().path("operator_id").asLong()).isEqualTo(41165);
    }

    @Test
    void theConversationsAreListedLatestFirstWithTheirLastMessage() {
        JsonNode first = c2d.clientWrites("{\"text\":\"first client\",\"transport\":\"whatsapp\"}");
        JsonNode second = c2d.clientWrites("{\"text\":\"second client\",\"transport\":\"telegram\"}");
        c2d.clientWrites("{\"text\":\"first again\",\"clientId\":" + first.path("clientId") + "}");
        c2d.api("PUT", "/dialogs/" + second.path("dialogId"), "{\"state\":\"closed\"}");

        JsonNode list = c2d.control("GET", "/conversations", null).json();

        assertThat(list).extracting(c -> c.path("clientId").asLong())
                .containsExactly(second.path("clientId").asLong(), first.path("clientId").asLong());
        assertThat(list.get(0).path("state").asText()).isEqualTo("closed");
        assertThat(list.get(0).path("lastText").asText()).isEqualTo("Dialog closed");
        assertThat(list.get(0).path("transport").asText()).isEqualTo("telegram");
        assertThat(list.get(1).path("lastText").asText()).isEqualTo("first again");
        assertThat(list.get(1).path("messages").asInt()).isEqualTo(2);
        assertThat(list.get(1).path("transport").asText()).isEqualTo("widget");
    }

    @Test
    void aChosenClientIdIsCreatedAndNeverHandedOutAgain() {
        JsonNode chosen = c2d.clientWrites("{\"text\":\"hi\",\"clientId\":99000001,\"name\":\"Ivan\",\"transport\":\"whatsapp\"}");
        assertThat(chosen.path("clientId").asLong()).isEqualTo(99000001);
        JsonNode client = c2d.get("/clients/99000001").data();
        assertThat(client.path("name").asText()).isEqualTo("Ivan");
        assertThat(client.path("client_phone").asText()).isEqualTo(client.path("phone").asText());

        assertThat(c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong()).isGreaterThan(99000001);
    }

    @Test
    void attachmentsOfAClientMessageAreStored() {
        JsonNode ids = c2d.clientWrites("{\"photo\":\"https://storage.example/p.jpg\",\"pdf\":\"https://storage.example/d.pdf\","
                + "\"audio\":\"https://storage.example/a.ogg\",\"video\":\"https://storage.example/v.mp4\","
                + "\"attachments\":[{\"name\":\"x.txt\",\"link\":\"https://storage.example/x.txt\"}]}");

        JsonNode message = c2d.control("GET", "/clients/" + ids.path("clientId") + "/messages?token=" + TOKEN, null).json().get(0);
        assertThat(message.path("photo").asText()).isEqualTo("https://storage.example/p.jpg");
        assertThat(message.path("pdf").asText()).isEqualTo("https://storage.example/d.pdf");
        assertThat(message.path("audio").asText()).isEqualTo("https://storage.example/a.ogg");
        assertThat(message.path("video").asText()).isEqualTo("https://storage.example/v.mp4");
        assertThat(message.path("attachments").toString())
                .isEqualTo("[{\"name\":\"x.txt\",\"link\":\"https://storage.example/x.txt\"}]");
    }

    @Test
    void theConversationShowsBothDirectionsInOrderWithEverythingSent() {
        JsonNode ids = c2d.clientWrites("{\"text\":\"hello\"}");
        c2d.api("POST", "/messages", "{\"client_id\":" + ids.path("clientId") + ",\"text\":\"Pick\",\"operator_id\":41164,"
                + "\"inline_buttons\":[{\"type\":\"reply\",\"text\":\"A\",\"payload\":\"a\"}]}");
        c2d.get("/messages/" + ids.path("messageId") + "/transfer?operator_id=41165");

        Answer conversation = c2d.control("GET", "/clients/" + ids.path("clientId") + "/messages", null);

        assertThat(conversation.status()).isEqualTo(200);
        assertThat(conversation.json()).extracting(m -> m.path("type").asText())
                .containsExactly("from_client", "to_client", "system");
        JsonNode reply = conversation.json().get(1);
        assertThat(reply.path("operator_id").asLong()).isEqualTo(41164);
        assertThat(reply.path("inline_buttons").get(0).path("payload").asText()).isEqualTo("a");
        assertThat(conversation.json().get(2).path("text").asText()).contains("Anna Operator");
    }

    @Test
    void badInputIsA400WithAJsonError() {
        String[] bodies = {"{}", "{\"text\":\"x\",\"transport\":\"pigeon\"}", "{\"text\":\"x\",\"operatorId\":1}",
                "{\"text\":\"x\",\"clientId\":\"abc\"}", "[1,2]", "{oops", "{\"photo\":\"javascript:alert(1)\"}",
                "{\"text\":\"x\",\"token\":\"nobody\"}", "{\"attachments\":[{\"name\":\"x\"}]}"};
        for (String body : bodies) {
            Answer answer = c2d.control("POST", "/client-messages", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(body).isNotBlank();
        }
        assertThat(c2d.control("POST", "/companies", "{}").status()).isEqualTo(400);
        assertThat(c2d.control("POST", "/faults", "{\"status\":200}").status()).isEqualTo(400);
        assertThat(c2d.control("POST", "/faults", "{}").status()).isEqualTo(400);
        assertThat(c2d.control("POST", "/events", "{\"text\":\"no hook type\"}").status()).isEqualTo(400);
        assertThat(c2d.control("GET", "/clients/abc/messages", null).status()).isEqualTo(400);
    }

    @Test
    void anUnknownTransportIsRefusedNamingTheKnownOnes() {
        Answer answer = c2d.control("POST", "/client-messages", "{\"text\":\"x\",\"transport\":\"instagram\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("Unknown transport instagram")
                .contains("insta_direct").contains("whatsapp").contains("vk");
    }

    @Test
    void unknownThingsAre404WithAJsonError() {
        assertThat(c2d.control("GET", "/clients/424242/messages", null).status()).isEqualTo(404);
        Answer unknown = c2d.control("GET", "/nothing-here", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("GET nothing-here");
    }

    @Test
    void anArbitraryEventIsAccepted() {
        Answer answer = c2d.control("POST", "/events", "{\"hookType\":\"close_request\",\"request_id\":5}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("hookType").asText()).isEqualTo("close_request");
        assertThat(answer.json().path("webhooks").asInt()).isZero();
    }

    @Test
    void resetLeavesTheDemoCompanyAloneAndIdsKeepCounting() {
        c2d.control("POST", "/companies", "{\"token\":\"other\"}");
        long before = c2d.clientWrites("{\"text\":\"hi\"}").path("messageId").asLong();
        c2d.api("POST", "/webhooks", "{\"name\":\"h\",\"url\":\"http://127.0.0.1/h\",\"events\":[\"inbox\"]}");

        assertThat(c2d.control("POST", "/reset", null).status()).isEqualTo(200);

        assertThat(c2d.as("other").get("/operators").status()).isEqualTo(401);
        assertThat(c2d.get("/webhooks").data()).isEmpty();
        assertThat(c2d.get("/messages").data()).isEmpty();
        assertThat(c2d.clientWrites("{\"text\":\"hi\"}").path("messageId").asLong()).isGreaterThan(before);
    }

    @Test
    void thePageLearnsTheDemoTokenAndIsServed() {
        assertThat(c2d.control("GET", "/demo", null).json().path("token").asText()).isEqualTo(TOKEN);
        SandboxResponse page = sandbox.page();
        SandboxResponse script = sandbox.pageFile("sandbox.js");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/sandbox/page/sandbox.js", "/sandbox/page/sandbox.css")
                .doesNotContain("http://", "https://", "<script>", "<style>");
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.body()).contains("/sandbox/control/client-messages").doesNotContain("http://", "https://");
        assertThat(sandbox.pageFile("sandbox.css").contentType()).startsWith("text/css");
        assertThat(sandbox.pageFile("../console/console.js").status()).isEqualTo(404);
    }

    @Test
    void pastTheBoundTheQuietestConversationIsForgottenWithItsMessages() {
        long quiet = c2d.clientWrites("{\"text\":\"first\"}").path("clientId").asLong();
        long busy = c2d.clientWrites("{\"text\":\"second\"}").path("clientId").asLong();
        for (int i = 2; i < Conversations.MAX_CONVERSATIONS; i++) {
            c2d.clientWrites("{\"text\":\"client " + i + "\"}");
        }
        c2d.clientWrites("{\"text\":\"still here\",\"clientId\":" + busy + "}");
        assertThat(c2d.control("GET", "/conversations", null).json()).hasSize(Conversations.MAX_CONVERSATIONS);

        long newest = c2d.clientWrites("{\"text\":\"one more\"}").path("clientId").asLong();

        assertThat(c2d.control("GET", "/conversations", null).json()).hasSize(Conversations.MAX_CONVERSATIONS);
        assertThat(c2d.control("GET", "/clients/" + quiet + "/messages", null).status()).isEqualTo(404);
        assertThat(c2d.get("/clients/" + quiet).status()).isEqualTo(404);
        assertThat(c2d.control("GET", "/clients/" + busy + "/messages", null).json()).hasSize(2);
        assertThat(c2d.control("GET", "/clients/" + newest + "/messages", null).json()).hasSize(1);
    }

    @Test
    void pastTheBoundTheOldestMessagesAreForgotten() {
        long client = c2d.clientWrites("{\"text\":\"message 0\"}").path("clientId").asLong();
        for (int i = 1; i <= Conversations.MAX_MESSAGES; i++) {
            c2d.clientWrites("{\"text\":\"message " + i + "\",\"clientId\":" + client + "}");
        }

        JsonNode messages = c2d.control("GET", "/clients/" + client + "/messages", null).json();
        assertThat(messages).hasSize(Conversations.MAX_MESSAGES);
        assertThat(messages.get(0).path("text").asText()).isEqualTo("message 1");
        assertThat(messages.get(messages.size() - 1).path("text").asText())
                .isEqualTo("message " + Conversations.MAX_MESSAGES);
    }

    @Test
    void pastTheBoundTheOldestCompanyIsForgottenButNeverTheDemo() {
        String first = null;
        for (int i = 0; i < Chat2DeskSandbox.MAX_COMPANIES; i++) {
            String token = "company-" + i;
            first = first == null ? token : first;
            assertThat(c2d.control("POST", "/companies", "{\"token\":\"" + token + "\"}").status()).isEqualTo(201);
        }

        assertThat(c2d.as(first).get("/companies/api_info").status()).isEqualTo(401);
        assertThat(c2d.as("company-1").get("/companies/api_info").status()).isEqualTo(200);
        assertThat(c2d.get("/companies/api_info").status()).isEqualTo(200);
    }
}
