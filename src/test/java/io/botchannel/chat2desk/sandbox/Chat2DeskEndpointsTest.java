package io.botchannel.chat2desk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botchannel.chat2desk.sandbox.SandboxClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulated Chat2Desk API answers like Chat2Desk's documented one. */
class Chat2DeskEndpointsTest {

    private static final String TOKEN = "demo-token";

    private final Chat2DeskSandbox sandbox = new Chat2DeskSandbox(TOKEN, "X-Signature", "X-Timestamp", 0.001);
    private final SandboxClient c2d = new SandboxClient(sandbox, TOKEN);

    @AfterEach
    void close() {
        sandbox.close();
    }

    // ---- general ------------------------------------------------------------------------------

    @Test
    void aWrongOrMissingTokenIsRefusedWithChat2DesksText() {
        for (Answer answer : new Answer[] {c2d.as("wrong").get("/operators"), c2d.as(null).get("/operators")}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().toString()).isEqualTo("{\"status\":\"error\",\"message\":\"Token is not correct\"}");
        }
    }

    @Test
    void theTokenIsSentRawWithoutBearer() {
        assertThat(c2d.as("Bearer " + TOKEN).get("/companies/api_info").status()).isEqualTo(401);
        assertThat(c2d.get("/companies/api_info").status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIsPageNotFound() {
        Answer answer = c2d.get("/no/such/thing");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().toString()).isEqualTo("{\"status\":\"error\",\"message\":\"Page not found\"}");
        assertThat(c2d.api("PATCH", "/messages", "{}").status()).isEqualTo(404);
    }

    @Test
    void apiInfoNamesTheCompanyWithTheFieldsOf2025() {
        Answer answer = c2d.get("/companies/api_info");
        assertThat(answer.json().path("status").asText()).isEqualTo("success");
        assertThat(answer.data().path("company_name").asText()).isEqualTo("Sandbox company");
        assertThat(answer.data().path("companyID").isIntegralNumber()).isTrue();
        assertThat(answer.data().has("admin_email")).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        Answer answer = c2d.api("POST", "/webhooks", "{not json");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("status").asText()).isEqualTo("error");
    }

    @Test
    void companiesKeepTheirOwnStateAndUnknownTokensAreRefused() {
        assertThat(c2d.as("second").get("/operators").status()).isEqualTo(401);
        assertThat(c2d.control("POST", "/companies", "{\"token\":\"second\"}").status()).isEqualTo(201);
        assertThat(c2d.control("POST", "/companies", "{\"token\":\"second\"}").status()).isEqualTo(201);

        long clientId = c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong();
        assertThat(c2d.get("/clients/" + clientId).status()).isEqualTo(200);
        assertThat(c2d.as("second").get("/clients/" + clientId).status()).isEqualTo(404);
        assertThat(c2d.as("second").get("/operators").data()).hasSize(2);
    }

    // ---- webhooks -----------------------------------------------------------------------------

    @Test
    void aWebhookNeedsNameUrlAndEventsAndTheAnswerNamesTheMissingOne() {
        assertThat(c2d.api("POST", "/webhooks", "{\"url\":\"http://127.0.0.1/a\",\"events\":[\"inbox\"]}")
                .json().path("errors").has("name")).isTrue();
        assertThat(c2d.api("POST", "/webhooks", "{\"name\":\"a\",\"events\":[\"inbox\"]}")
                .json().path("errors").has("url")).isTrue();
        Answer noEvents = c2d.api("POST", "/webhooks", "{\"name\":\"a\",\"url\":\"http://127.0.0.1/a\"}");
        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(noEvents.json().path("errors").has("events")).isTrue();
        assertThat(c2d.get("/webhooks").data()).isEmpty();
    }

    @Test
    void aWebhookIsRegisteredListedUpdatedAndDeleted() {
        Answer created = c2d.api("POST", "/webhooks",
                "{\"name\":\"bot\",\"url\":\"http://127.0.0.1/hook\",\"events\":[\"inbox\",\"outbox\"]}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode hook = created.data();
        assertThat(hook.path("status").asText()).isEqualTo("enable");
        assertThat(hook.path("errors").isArray()).isTrue();
        assertThat(hook.path("channels").isArray()).isTrue();
        long id = hook.path("id").asLong();

        JsonNode listed = c2d.get("/webhooks").data();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("url").asText()).isEqualTo("http://127.0.0.1/hook");

        Answer updated = c2d.api("PUT", "/webhooks/" + id,
                "{\"name\":\"bot\",\"url\":\"http://127.0.0.1/other\",\"events\":[\"inbox\"]}");
        assertThat(updated.data().path("url").asText()).isEqualTo("http://127.0.0.1/other");
        assertThat(updated.data().path("events").toString()).isEqualTo("[\"inbox\"]");

        assertThat(c2d.api("DELETE", "/webhooks/" + id, null).json().toString()).isEqualTo("{\"status\":\"success\"}");
        assertThat(c2d.get("/webhooks").data()).isEmpty();
        assertThat(c2d.api("DELETE", "/webhooks/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aUrlCanBeRegisteredOnlyOnce() {
        String body = "{\"name\":\"bot\",\"url\":\"http://127.0.0.1/hook\",\"events\":[\"inbox\"]}";
        c2d.api("POST", "/webhooks", body);
        Answer again = c2d.api("POST", "/webhooks", body);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("errors").path("url").get(0).asText()).contains("already used");
    }

    @Test
    void aCompanyHasAtMostFiveWebhooks() {
        for (int i = 1; i <= 5; i++) {
            assertThat(c2d.api("POST", "/webhooks",
                    "{\"name\":\"h\",\"url\":\"http://127.0.0.1/" + i + "\",\"events\":[\"inbox\"]}").status()).isEqualTo(200);
        }
        Answer sixth = c2d.api("POST", "/webhooks", "{\"name\":\"h\",\"url\":\"http://127.0.0.1/6\",\"events\":[\"inbox\"]}");
        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.json().path("message").asText()).contains("at most 5 webhooks");
    }

    @Test
    void unknownEventNamesAreRefused() {
        Answer answer = c2d.api("POST", "/webhooks", "{\"name\":\"h\",\"url\":\"http://127.0.0.1/h\",\"events\":[\"inbx\"]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").has("events")).isTrue();
    }

    // ---- messages -----------------------------------------------------------------------------

    @Test
    void sendingNeedsAnExistingClientAndSomethingToSend() {
        assertThat(c2d.api("POST", "/messages", "{\"text\":\"hi\"}").json().path("errors").has("client_id")).isTrue();
        Answer unknown = c2d.api("POST", "/messages", "{\"client_id\":999999,\"text\":\"hi\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("status").asText()).isEqualTo("error");
        assertThat(unknown.json().toString()).contains("not found");

        long clientId = c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong();
        Answer empty = c2d.api("POST", "/messages", "{\"client_id\":" + clientId + "}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("errors").has("text")).isTrue();
    }

    @Test
    void aSendAnswersTheEightFieldsWithTransportAndChannelOfTheClientsLastMessage() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\",\"transport\":\"telegram\"}");
        long clientId = written.path("clientId").asLong();

        Answer sent = c2d.api("POST", "/messages", "{\"client_id\":" + clientId + ",\"text\":\"Hello\"}");

        assertThat(sent.status()).isEqualTo(200);
        JsonNode data = sent.data();
        assertThat(data.properties()).extracting(e -> e.getKey()).containsExactly("message_id", "channel_id",
                "operator_id", "transport", "type", "client_id", "dialog_id", "request_id");
        assertThat(data.path("transport").asText()).isEqualTo("telegram");
        assertThat(data.path("channel_id").asLong()).isEqualTo(1);
        assertThat(data.path("type").asText()).isEqualTo("to_client");
        assertThat(data.path("dialog_id").asLong()).isEqualTo(written.path("dialogId").asLong());
        assertThat(data.path("operator_id").isNull()).isTrue();
    }

    @Test
    void parametersInTheQueryStringWorkToo() {
        long clientId = c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong();
        Answer sent = c2d.api("POST", "/messages?client_id=" + clientId + "&text=From%20the%20query", null);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(c2d.get("/messages/" + sent.data().path("message_id").asLong()).data().path("text").asText())
                .isEqualTo("From the query");
    }

    @Test
    void aSentMessageKeepsButtonsAttachmentsAndOperator() {
        long clientId = c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong();
        Answer sent = c2d.api("POST", "/messages", "{\"client_id\":" + clientId + ",\"text\":\"Choose:\",\"operator_id\":41164,"
                + "\"keyboard\":{\"buttons\":[{\"type\":\"reply\",\"text\":\"Yes\"}]},"
                + "\"inline_buttons\":[{\"type\":\"url\",\"text\":\"Site\",\"url\":\"https://x.example\"}],"
                + "\"attachment\":\"https://files.example/a.jpg\",\"attachment_filename\":\"a.jpg\","
                + "\"pdf\":\"https://files.example/b.pdf\"}");

        JsonNode message = c2d.get("/messages/" + sent.data().path("message_id").asLong()).data();
        assertThat(message.path("keyboard").path("buttons").get(0).path("text").asText()).isEqualTo("Yes");
        assertThat(message.path("inline_buttons").get(0).path("url").asText()).isEqualTo("https://x.example");
        assertThat(message.path("attachment").asText()).isEqualTo("https://files.example/a.jpg");
        assertThat(message.path("attachment_filename").asText()).isEqualTo("a.jpg");
        assertThat(message.path("attachments").get(0).path("link").asText()).isEqualTo("https://files.example/a.jpg");
        assertThat(message.path("pdf").asText()).isEqualTo("https://files.example/b.pdf");
        assertThat(message.path("operator_id").asLong()).isEqualTo(41164);
    }

    @Test
    void anAttachmentMustBeAnHttpUrl() {
        long clientId = c2d.clientWrites("{\"text\":\"hi\"}").path("clientId").asLong();
        Answer sent = c2d.api("POST", "/messages", "{\"client_id\":" + clientId + ",\"attachment\":\"file:///etc/passwd\"}");
        assertThat(sent.status()).isEqualTo(400);
        assertThat(sent.json().path("status").asText()).isEqualTo("error");
    }

    @Test
    void theSenderTakesAnUnassignedDialogButNotSomeoneElses() {
        JsonNode free = c2d.clientWrites("{\"text\":\"hi\"}");
        c2d.api("POST", "/messages", "{\"client_id\":" + free.path("clientId") + ",\"text\":\"x\",\"operator_id\":41164}");
        assertThat(c2d.get("/dialogs/" + free.path("dialogId")).data().path("operator_id").asLong()).isEqualTo(41164);

        JsonNode annas = c2d.clientWrites("{\"text\":\"hi\",\"operatorId\":41165}");
        c2d.api("POST", "/messages", "{\"client_id\":" + annas.path("clientId") + ",\"text\":\"x\",\"operator_id\":41164}");
        assertThat(c2d.get("/dialogs/" + annas.path("dialogId")).data().path("operator_id").asLong()).isEqualTo(41165);
    }

    @Test
    void sendingReopensAClosedDialogUnlessOpenDialogIsFalse() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\"}");
        String dialog = "/dialogs/" + written.path("dialogId");
        c2d.api("PUT", dialog, "{\"state\":\"closed\"}");

        c2d.api("POST", "/messages", "{\"client_id\":" + written.path("clientId") + ",\"text\":\"x\",\"open_dialog\":false}");
        assertThat(c2d.get(dialog).data().path("state").asText()).isEqualTo("closed");

        Answer sent = c2d.api("POST", "/messages", "{\"client_id\":" + written.path("clientId") + ",\"text\":\"y\"}");
        assertThat(c2d.get(dialog).data().path("state").asText()).isEqualTo("open");
        assertThat(sent.data().path("request_id").asLong()).isGreaterThan(written.path("requestId").asLong());
    }

    @Test
    void messagesAreListedWithFiltersPagesAndOrder() {
        long clientId = c2d.clientWrites("{\"text\":\"one\"}").path("clientId").asLong();
        c2d.clientWrites("{\"text\":\"two\",\"clientId\":" + clientId + "}");
        c2d.api("POST", "/messages", "{\"client_id\":" + clientId + ",\"text\":\"three\"}");
        c2d.clientWrites("{\"text\":\"someone else\"}");

        Answer all = c2d.get("/messages?client_id=" + clientId);
        assertThat(all.data()).extracting(m -> m.path("text").asText()).containsExactly("one", "two", "three");
        assertThat(all.json().path("meta").path("total").asInt()).isEqualTo(3);

        assertThat(c2d.get("/messages?client_id=" + clientId + "&type=from_client&order=desc&limit=1").data())
                .extracting(m -> m.path("text").asText()).containsExactly("two");
        assertThat(c2d.get("/messages?client_id=" + clientId + "&offset=2").data())
                .extracting(m -> m.path("text").asText()).containsExactly("three");
        assertThat(c2d.get("/messages?limit=500").status()).isEqualTo(400);
        assertThat(c2d.get("/messages/999999").status()).isEqualTo(404);
    }

    // ---- transfer and dialogs -----------------------------------------------------------------

    @Test
    void aTransferMovesTheMessagesDialogToTheOperator() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\"}");
        Answer answer = c2d.get("/messages/" + written.path("messageId") + "/transfer?operator_id=41165");
        assertThat(answer.json().toString()).isEqualTo("{\"status\":\"success\"}");
        assertThat(c2d.get("/dialogs/" + written.path("dialogId")).data().path("operator_id").asLong()).isEqualTo(41165);
    }

    @Test
    void aTransferToAGroupGoesToItsOnlineOperator() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\",\"operatorId\":41164}");
        assertThat(c2d.get("/messages/" + written.path("messageId") + "/transfer_to_group?group_id=7").status()).isEqualTo(200);
        assertThat(c2d.get("/dialogs/" + written.path("dialogId")).data().path("operator_id").asLong()).isEqualTo(41165);
    }

    @Test
    void transfersNameWhatWasNotFound() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\"}");
        assertThat(c2d.get("/messages/999999/transfer?operator_id=41165").json().toString()).contains("message 999999 not found");
        assertThat(c2d.get("/messages/" + written.path("messageId") + "/transfer?operator_id=5").json().toString())
                .contains("operator 5 not found");
        Answer group = c2d.get("/messages/" + written.path("messageId") + "/transfer_to_group?group_id=99");
        assertThat(group.status()).isEqualTo(400);
        assertThat(group.json().toString()).contains("operator group 99 not found");
    }

    @Test
    void dialogsAreListedByStateAndOperatorAndAnUnknownOneIsNotFound() {
        JsonNode annas = c2d.clientWrites("{\"text\":\"hi\",\"operatorId\":41165}");
        JsonNode closed = c2d.clientWrites("{\"text\":\"bye\"}");
        c2d.api("PUT", "/dialogs/" + closed.path("dialogId"), "{\"state\":\"closed\"}");

        assertThat(c2d.get("/dialogs?operator_id=41165").data()).extracting(d -> d.path("id").asLong())
                .containsExactly(annas.path("dialogId").asLong());
        assertThat(c2d.get("/dialogs?state=closed").data()).extracting(d -> d.path("id").asLong())
                .containsExactly(closed.path("dialogId").asLong());
        JsonNode dialog = c2d.get("/dialogs/" + annas.path("dialogId")).data();
        assertThat(dialog.path("last_message").path("text").asText()).isEqualTo("hi");
        assertThat(dialog.path("messages").asInt()).isEqualTo(1);

        Answer unknown = c2d.get("/dialogs/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).isEqualTo("not_found");
    }

    @Test
    void closingAClosedDialogSaysItAlreadyHasThatState() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\"}");
        String dialog = "/dialogs/" + written.path("dialogId");
        assertThat(c2d.api("PUT", dialog, "{\"state\":\"closed\"}").data().path("state").asText()).isEqualTo("closed");
        Answer again = c2d.api("PUT", dialog, "{\"state\":\"closed\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("errors").asText()).contains("already has state");
    }

    @Test
    void aDialogIsAssignedAndUnassignedWithPut() {
        JsonNode written = c2d.clientWrites("{\"text\":\"hi\"}");
        String dialog = "/dialogs/" + written.path("dialogId");
        assertThat(c2d.api("PUT", dialog, "{\"operator_id\":41165}").data().path("operator_id").asLong()).isEqualTo(41165);
        assertThat(c2d.api("PUT", dialog, "{\"operator_id\":null}").data().path("operator_id").isNull()).isTrue();
        assertThat(c2d.api("PUT", dialog, "{\"operator_id\":12}").status()).isEqualTo(400);
        assertThat(c2d.api("PUT", dialog, "{}").status()).isEqualTo(400);
    }

    // ---- operators and clients ----------------------------------------------------------------

    @Test
    void operatorsAreFoundByEmailAndGroupsListed() {
        JsonNode all = c2d.get("/operators").data();
        assertThat(all).extracting(o -> o.path("id").asLong()).containsExactly(41164L, 41165L);
        JsonNode bot = c2d.get("/operators?email=bot@sandbox.local").data();
        assertThat(bot).hasSize(1);
        assertThat(bot.get(0).path("first_name").asText()).isEqualTo("Demo");
        assertThat(bot.get(0).path("online").asInt()).isEqualTo(1);
        assertThat(c2d.get("/operators?online=0").data()).isEmpty();
        assertThat(c2d.get("/operators_groups").data().toString())
                .isEqualTo("[{\"id\":7,\"name\":\"Support\",\"operator_ids\":[41165]}]");
    }

    @Test
    void anUnknownClientIsNotFound() {
        Answer answer = c2d.get("/clients/999999");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("errors").asText()).contains(" not found");
    }

    @Test
    void aClientIsCreatedFoundByPhoneAndCreatedOnlyOnce() {
        Answer created = c2d.api("POST", "/clients", "{\"phone\":\"79991234567\",\"transport\":\"whatsapp\",\"channel_id\":1}");
        assertThat(created.status()).isEqualTo(200);
        long id = created.data().path("id").asLong();
        assertThat(c2d.get("/clients/" + id).data().path("phone").asText()).isEqualTo("79991234567");
        assertThat(c2d.get("/clients?phone=79991234567").data()).extracting(c -> c.path("id").asLong()).containsExactly(id);

        Answer again = c2d.api("POST", "/clients", "{\"phone\":\"79991234567\",\"transport\":\"whatsapp\",\"channel_id\":1}");
        assertThat(again.status()).isEqualTo(400);
        JsonNode errors = again.json().path("errors").path("client");
        assertThat(errors.get(0).asText()).contains("Client already exist");
        assertThat(errors.get(1).asText()).contains("\"id\":" + id);
    }

    @Test
    void aClientCreatedByTheApiCanBeWrittenToFirst() {
        long id = c2d.api("POST", "/clients", "{\"phone\":\"79990000001\",\"transport\":\"whatsapp\",\"channel_id\":1}")
                .data().path("id").asLong();
        Answer sent = c2d.api("POST", "/messages", "{\"client_id\":" + id + ",\"text\":\"We write first\"}");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.data().path("transport").asText()).isEqualTo("whatsapp");
        assertThat(sent.data().path("dialog_id").asLong()).isPositive();
    }

    // ---- faults -------------------------------------------------------------------------------

    @Test
    void aRateLimitFaultAnswers429WithRetryAfterForTheMatchingCallsOnly() {
        assertThat(c2d.control("POST", "/faults", "{\"token\":\"" + TOKEN + "\",\"status\":429,\"count\":2,"
                + "\"pathContains\":\"/operators\",\"retryAfterSeconds\":3}").status()).isEqualTo(201);

        assertThat(c2d.get("/companies/api_info").status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            Answer limited = c2d.get("/operators");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.retryAfter()).isEqualTo(3);
            assertThat(limited.json().toString())
                    .isEqualTo("{\"status\":\"error\",\"message\":\"Number of API requests exceeded\"}");
        }
        assertThat(c2d.get("/operators").status()).isEqualTo(200);
    }

    @Test
    void faultsAreUsedUpInOrderAndCanBeCleared() {
        c2d.control("POST", "/faults", "{\"status\":500}");
        c2d.control("POST", "/faults", "{\"status\":503,\"count\":5}");
        assertThat(c2d.get("/operators").status()).isEqualTo(500);
        assertThat(c2d.get("/operators").status()).isEqualTo(503);
        assertThat(c2d.control("DELETE", "/faults", null).json().path("faults")).isEmpty();
        assertThat(c2d.get("/operators").status()).isEqualTo(200);
    }

    @Test
    void aLatencyFaultDelaysTheAnswer() {
        c2d.control("POST", "/faults", "{\"latencyMs\":300}");
        long start = System.nanoTime();
        Answer answer = c2d.get("/operators");
        assertThat(answer.status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
}
