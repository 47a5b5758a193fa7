package io.botchannel.chat2desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything the Agent can answer, delivered through the sandbox the way each messenger shows it:
 * markup, buttons, files, hand-over, the Agent writing first, and service events.
 */
class RepliesTest {

    private static final String MARKUP = "Hi *there*, __see__ [site](https://x.example)";

    private static RunningBundle bundle;
    private TestAgent agent;
    private Sandbox sandbox;

    @BeforeAll
    static void start() {
        bundle = RunningBundle.start(Map.of("dispatch.concurrency", "1"));
    }

    @AfterAll
    static void stop() {
        bundle.close();
    }

    @BeforeEach
    void newCompanyAndAgent() throws Exception {
        agent = new TestAgent();
        sandbox = Sandbox.newCompany(bundle);
    }

    @AfterEach
    void closeAgent() {
        agent.close();
    }

    private JsonNode activeChannel(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiUrl", sandbox.apiUrl());
        body.put("token", sandbox.token());
        body.put("agentUrl", agent.url());
        body.putAll(extra);
        JsonNode channel = bundle.api("POST", "/api/v1/channels?activate=true", body).json();
        assertThat(channel.path("active").asBoolean()).as(channel.toString()).isTrue();
        return channel;
    }

    private JsonNode firstReplyOn(String transport, String replies) {
        agent.replies(replies);
        long clientId = sandbox.clientWrites(Map.of("text", "hi", "transport", transport)).path("clientId").asLong();
        return sandbox.awaitSentToClient(clientId, 1).get(0);
    }

    private static String text(String text) {
        return "{\"replies\":[{\"type\":\"text\",\"text\":" + RunningBundle.write(text) + "}]}";
    }

    @Test
    void markupBecomesWhatsAppSyntaxOnWhatsAppAndPlainTextOnSms() {
        activeChannel(Map.of());

        assertThat(firstReplyOn("whatsapp", text(MARKUP)).path("text").asText())
                .isEqualTo("Hi _there_, *see* site (https://x.example)");
        assertThat(firstReplyOn("sms", text(MARKUP)).path("text").asText())
                .isEqualTo("Hi there, see site (https://x.example)");
        assertThat(firstReplyOn("viber", text("*__both__*")).path("text").asText()).isEqualTo("*_both_*");
    }

    @Test
    void buttonsAreInlineButtonsOnTelegramAndAKeyboardOnViber() {
        activeChannel(Map.of());
        String menu = "{\"replies\":[{\"type\":\"text\",\"text\":\"Choose\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"},{\"text\":\"Site\",\"url\":\"https://x.example\"}]}]}";

        JsonNode telegram = firstReplyOn("telegram", menu);
        assertThat(telegram.path("text").asText()).isEqualTo("Choose");
        assertThat(telegram.path("inline_buttons").toString())
                .isEqualTo("[{\"type\":\"reply\",\"text\":\"Yes\",\"payload\":\"answer-yes\"},"
                        + "{\"type\":\"url\",\"text\":\"Site\",\"url\":\"https://x.example\"}]");

        JsonNode viber = firstReplyOn("viber", menu);
        assertThat(viber.path("keyboard").path("buttons").findValuesAsText("text")).containsExactly("Yes", "Site");
        assertThat(viber.path("inline_buttons").isNull() || viber.path("inline_buttons").isMissingNode()).isTrue();
    }

    @Test
    void onSmsButtonsAreANumberedListAndTheClientsNumberOrLabelSendsThePayload() {
        activeChannel(Map.of());
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Choose\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"},{\"text\":\"No\",\"payload\":\"answer-no\"},"
                + "{\"text\":\"Site\",\"url\":\"https://x.example\"}]}]}");
        long clientId = sandbox.clientWrites(Map.of("text", "hi", "transport", "sms")).path("clientId").asLong();

        JsonNode menu = sandbox.awaitSentToClient(clientId, 1).get(0);
        assertThat(menu.path("text").asText()).isEqualTo("Choose\n\n1. Yes\n2. No\n3. Site: https://x.example");

        sandbox.clientWrites(Map.of("text", " 2 ", "clientId", clientId, "transport", "sms"));
        sandbox.awaitSentToClient(clientId, 2);
        sandbox.clientWrites(Map.of("text", "2", "clientId", clientId, "transport", "sms"));
        sandbox.awaitSentToClient(clientId, 3);

        // the menu was answered once; the third message offers the menu again and then "yes" is read
        sandbox.clientWrites(Map.of("text", "yes", "clientId", clientId, "transport", "sms"));
        sandbox.awaitSentToClient(clientId, 4);
        assertThat(agent.requests()).extracting(r -> r.path("text").asText())
                .containsExactly("hi", "answer-no", "answer-no", "answer-yes");
    }

    @Test
    void aNumberAnswersOnlyTheLatestOfferAndOnlyUntilTheBotsNextMessage() {
        activeChannel(Map.of());
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Choose\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"}]},{\"type\":\"text\",\"text\":\"or write\"}]}");
        long clientId = sandbox.clientWrites(Map.of("text", "menu", "transport", "whatsapp")).path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 2);
        sandbox.clientWrites(Map.of("text", "1", "clientId", clientId, "transport", "whatsapp"));
        sandbox.awaitSentToClient(clientId, 4);

        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Choose\",\"buttons\":["
                + "{\"text\":\"Yes\",\"payload\":\"answer-yes\"}]}]}");
        sandbox.clientWrites(Map.of("text", "menu", "clientId", clientId, "transport", "whatsapp"));
        sandbox.awaitSentToClient(clientId, 5);
        agent.replies("{\"replies\":[{\"type\":\"file\",\"url\":\"https://files.example/a.pdf\"}]}");
        sandbox.clientWrites(Map.of("text", "file", "clientId", clientId, "transport", "whatsapp"));
        sandbox.awaitSentToClient(clientId, 6);
        agent.replies(text("ok"));
        sandbox.clientWrites(Map.of("text", "1", "clientId", clientId, "transport", "whatsapp"));
        sandbox.awaitSentToClient(clientId, 7);

        // a later message of the bot, in the same answer or the next, ends the offer
        assertThat(agent.requests()).extracting(r -> r.path("text").asText())
                .containsExactly("menu", "1", "menu", "file", "1");
    }

    @Test
    void filesGoAsFilesPdfsAsPdfAndLinksAsTextExceptOnTelegram() {
        activeChannel(Map.of());
        String files = "{\"replies\":["
                + "{\"type\":\"file\",\"url\":\"https://files.example/a.pdf\",\"name\":\"a.pdf\",\"kind\":\"file\",\"caption\":\"The *offer*\",\"delivery\":\"file\"},"
                + "{\"type\":\"file\",\"url\":\"https://files.example/cat.jpg\",\"kind\":\"image\"},"
                + "{\"type\":\"file\",\"url\":\"https://files.example/b.docx\",\"name\":\"b.docx\",\"caption\":\"Terms\",\"delivery\":\"link\"}]}";
        agent.replies(files);

        long widget = sandbox.clientWrites(Map.of("text", "files", "transport", "widget")).path("clientId").asLong();
        List<JsonNode> sent = sandbox.awaitSentToClient(widget, 3);
        assertThat(sent.get(0).path("pdf").asText()).isEqualTo("https://files.example/a.pdf");
        assertThat(sent.get(0).path("attachment_filename").asText()).isEqualTo("a.pdf");
        assertThat(sent.get(0).path("text").asText()).isEqualTo("The offer");
        assertThat(sent.get(1).path("attachment").asText()).isEqualTo("https://files.example/cat.jpg");
        assertThat(sent.get(1).path("attachment_filename").asText()).isEqualTo("cat.jpg");
        assertThat(sent.get(2).path("text").asText()).isEqualTo("Terms\nhttps://files.example/b.docx");
        assertThat(sent.get(2).path("attachment").isNull()).isTrue();

        long telegram = sandbox.clientWrites(Map.of("text", "files", "transport", "telegram")).path("clientId").asLong();
        JsonNode link = sandbox.awaitSentToClient(telegram, 3).get(2);
        assertThat(link.path("attachment").asText()).isEqualTo("https://files.example/b.docx");
        assertThat(link.path("text").asText()).isEqualTo("Terms");
    }

    @Test
    void inboundMediaReachTheAgentAsAttachmentsWithTheirKind() {
        activeChannel(Map.of());

        sandbox.clientWrites(Map.of("text", "look", "photo", "https://storage.example/p/cat.jpg",
                "pdf", "https://storage.example/d/doc.pdf"));
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 1);

        JsonNode attachments = agent.requests().get(0).path("attachments");
        assertThat(attachments.findValuesAsText("kind")).containsExactly("image", "file");
        assertThat(attachments.findValuesAsText("url"))
                .containsExactly("https://storage.example/p/cat.jpg", "https://storage.example/d/doc.pdf");
    }

    @Test
    void aTransferHandsTheChatToTheOperatorAndTheBotLeavesItAlone() {
        activeChannel(Map.of());
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Passing you on\"},"
                + "{\"type\":\"transfer\",\"operatorId\":" + Sandbox.HUMAN_OPERATOR + "}]}");
        JsonNode first = sandbox.clientWrites("a human please");
        long clientId = first.path("clientId").asLong();

        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.api("GET", "/dialogs/" + first.path("dialogId").asText(),
                null).json().path("data").path("operator_id").asLong() == Sandbox.HUMAN_OPERATOR);
        agent.replies(text("still the bot"));
        sandbox.clientWrites(Map.of("text", "hello?", "clientId", clientId));
        long other = sandbox.clientWrites("someone else").path("clientId").asLong();
        sandbox.awaitSentToClient(other, 1);

        assertThat(agent.requests()).extracting(r -> r.path("text").asText())
                .containsExactly("a human please", "someone else");
        assertThat(sandbox.sentToClient(clientId)).extracting(m -> m.path("text").asText()).containsExactly("Passing you on");
    }

    @Test
    void aChatGivenBackToTheQueueIsTheBotsAgain() {
        activeChannel(Map.of());
        JsonNode first = handedOverToAHuman(Map.of());

        sandbox.api("PUT", "/dialogs/" + first.path("dialogId").asText(), Collections.singletonMap("operator_id", null));

        assertTheBotAnswersAgain(first);
    }

    @Test
    void aChatTransferredToTheBotsOperatorIsTheBotsAgain() {
        activeChannel(Map.of("operatorId", Sandbox.BOT_OPERATOR));
        JsonNode first = handedOverToAHuman(Map.of("operatorId", Sandbox.BOT_OPERATOR));

        sandbox.api("PUT", "/dialogs/" + first.path("dialogId").asText(), Map.of("operator_id", Sandbox.BOT_OPERATOR));

        assertTheBotAnswersAgain(first);
    }

    /** The Agent hands the client's chat to the human operators' group; a human has it. */
    private JsonNode handedOverToAHuman(Map<String, Object> client) {
        agent.replies("{\"replies\":[{\"type\":\"text\",\"text\":\"Passing you on\"},{\"type\":\"transfer\",\"groupId\":7}]}");
        Map<String, Object> message = new LinkedHashMap<>(client);
        message.put("text", "a human please");
        JsonNode first = sandbox.clientWrites(message);
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.api("GET", "/dialogs/" + first.path("dialogId").asText(),
                null).json().path("data").path("operator_id").asLong() == Sandbox.HUMAN_OPERATOR);
        // the bot's own transfer event has been taken in before the human gives the chat back
        sandbox.awaitDelivery(d -> "dialog_transferred".equals(d.path("event").asText()) && d.path("status").asInt() == 200);
        return first;
    }

    private void assertTheBotAnswersAgain(JsonNode first) {
        long clientId = first.path("clientId").asLong();
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.deliveries().stream().filter(d ->
                "dialog_transferred".equals(d.path("event").asText()) && d.path("status").asInt() == 200).count() == 2);
        agent.replies(text("the bot again"));
        sandbox.clientWrites(Map.of("text", "back?", "clientId", clientId));

        assertThat(sandbox.awaitSentToClient(clientId, 2).get(1).path("text").asText()).isEqualTo("the bot again");
        assertThat(agent.requests()).extracting(r -> r.path("text").asText()).containsExactly("a human please", "back?");
    }

    @Test
    void aTransferToAGroupUsesTheLastIncomingMessage() {
        activeChannel(Map.of());
        agent.replies("{\"replies\":[{\"type\":\"transfer\",\"groupId\":7}]}");

        JsonNode sent = sandbox.clientWrites("support!");

        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.api("GET", "/dialogs/" + sent.path("dialogId").asText(),
                null).json().path("data").path("operator_id").asLong() == Sandbox.HUMAN_OPERATOR);
    }

    @Test
    void theAgentWritesFirstIntoAnExistingChatEvenAfterTheOperatorClosedIt() {
        JsonNode channel = activeChannel(Map.of());
        JsonNode wrote = sandbox.clientWrites(Map.of("text", "hi", "transport", "telegram"));
        long clientId = wrote.path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);
        sandbox.api("PUT", "/dialogs/" + wrote.path("dialogId").asText(), Map.of("state", "closed"));

        RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels/" + channel.path("id").asText() + "/messages",
                Map.of("channelChatId", clientId + "|chat2desk",
                        "replies", List.of(Map.of("type", "text", "text", "Your *order* shipped"))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode proactive = sandbox.awaitSentToClient(clientId, 2).get(1);
        assertThat(proactive.path("text").asText()).isEqualTo("Your order shipped");
        assertThat(proactive.path("transport").asText()).isEqualTo("telegram");
    }

    @Test
    void theAgentWritesFirstToAClientChat2DeskKnowsButTheBundleHasNotSeen() {
        JsonNode channel = activeChannel(Map.of());
        JsonNode client = sandbox.api("POST", "/clients", Map.of("phone", "79991234567", "transport", "whatsapp",
                "channel_id", 1)).json().path("data");
        long clientId = client.path("id").asLong();

        RunningBundle.Answer answer = bundle.api("POST", "/api/v1/channels/" + channel.path("id").asText() + "/messages",
                Map.of("channelChatId", clientId + "|chat2desk", "replies", List.of(Map.of("type", "text", "text", "Hello"))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(sandbox.awaitSentToClient(clientId, 1).get(0).path("text").asText()).isEqualTo("Hello");
    }

    @Test
    void invalidRepliesOfTheAgentWritingFirstAre400NamingTheReplyAndField() {
        JsonNode channel = activeChannel(Map.of());
        long clientId = sandbox.clientWrites("hi").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);
        String path = "/api/v1/channels/" + channel.path("id").asText() + "/messages";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[{\"type\":\"video\"}]", "replies[0].type:");
        cases.put("[{\"type\":\"text\",\"text\":\"ok\"},{\"type\":\"text\"}]", "replies[1].text:");
        cases.put("[{\"type\":\"file\",\"url\":\"not a url\"}]", "replies[0].url:");
        cases.put("[{\"type\":\"transfer\"}]", "replies[0]: a transfer");
        cases.put("[{\"type\":\"transfer\",\"groupId\":\"seven\"}]", "replies[0].groupId:");
        cases.put("[{\"type\":\"text\",\"text\":\"ok\",\"buttons\":[{\"payload\":\"x\"}]}]", "replies[0].buttons[0].text:");
        cases.put("[\"hello\"]", "replies[0]:");

        cases.forEach((replies, error) -> {
            RunningBundle.Answer answer = bundle.api("POST", path,
                    "{\"channelChatId\":\"" + clientId + "|chat2desk\",\"replies\":" + replies + "}");
            assertThat(answer.status()).as(replies).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(replies).startsWith(error);
        });
        assertThat(sandbox.sentToClient(clientId)).hasSize(1);
    }

    @Test
    void theAgentCannotWriteIntoAChatThatDoesNotExistOrWithABadChatId() {
        JsonNode channel = activeChannel(Map.of());
        String path = "/api/v1/channels/" + channel.path("id").asText() + "/messages";
        List<Map<String, Object>> replies = List.of(Map.of("type", "text", "text", "Hello"));

        RunningBundle.Answer unknown = bundle.api("POST", path, Map.of("channelChatId", "987654321|chat2desk", "replies", replies));
        RunningBundle.Answer malformed = bundle.api("POST", path, Map.of("channelChatId", "abc", "replies", replies));
        RunningBundle.Answer noReplies = bundle.api("POST", path, Map.of("channelChatId", "1|chat2desk"));
        RunningBundle.Answer noChannel = bundle.api("POST", "/api/v1/channels/nope/messages",
                Map.of("channelChatId", "1|chat2desk", "replies", replies));
        RunningBundle.Answer noKey = bundle.send("POST", path, "{}", Map.of());

        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.json().path("error").asText()).contains("987654321");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).startsWith("channelChatId:");
        assertThat(noReplies.status()).isEqualTo(400);
        assertThat(noReplies.json().path("error").asText()).startsWith("replies:");
        assertThat(noChannel.status()).isEqualTo(404);
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void withServiceMessagesOnServiceEventsReachTheAgent() {
        activeChannel(Map.of("serviceMessages", true));
        long clientId = sandbox.clientWrites("hi").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);

        bundle.post("/sandbox/control/events", Map.of("token", sandbox.token(), "hookType", "close_dialog",
                "dialog_id", 5, "client_id", clientId));
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 2);

        JsonNode service = agent.requests().get(1);
        assertThat(service.path("event").asText()).isEqualTo("service");
        assertThat(service.path("service").path("hookType").asText()).isEqualTo("close_dialog");
        assertThat(service.path("channelChatId").asText()).isEqualTo(clientId + "|chat2desk");
    }

    @Test
    void withServiceMessagesOffNoServiceEventReachesTheAgent() {
        activeChannel(Map.of());
        for (String hook : List.of("close_dialog", "dialog_transferred", "new_request", "close_request", "system_message")) {
            bundle.post("/sandbox/control/events", Map.of("token", sandbox.token(), "hookType", hook, "client_id", 1));
        }
        sandbox.awaitDelivery(d -> "system_message".equals(d.path("event").asText()) && d.path("status").asInt() == 200);
        long clientId = sandbox.clientWrites("hi").path("clientId").asLong();
        sandbox.awaitSentToClient(clientId, 1);

        assertThat(agent.requests()).extracting(r -> r.path("event").asText()).containsExactly("message");
    }

    @Test
    void withAFallbackGroupChangeChatModeBecomesATransferToIt() {
        activeChannel(Map.of("fallbackGroupId", 7));
        agent.replies("{\"replies\":[{\"type\":\"changeChatMode\"}]}");

        JsonNode sent = sandbox.clientWrites("operator mode please");

        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.api("GET", "/dialogs/" + sent.path("dialogId").asText(),
                null).json().path("data").path("operator_id").asLong() == Sandbox.HUMAN_OPERATOR);
    }

    @Test
    void theTokenReachesTheAgentOnlyWhereTheChannelSharesIt() {
        JsonNode channel = activeChannel(Map.of("shareTokenWithAgent", true));
        assertThat(channel.path("shareTokenWithAgent").asBoolean()).isTrue();

        sandbox.clientWrites("hi");
        await().atMost(Duration.ofSeconds(15)).until(() -> agent.requests().size() == 1);

        JsonNode context = agent.requests().get(0).path("context");
        assertThat(context.path("channel_webhook_token").asText()).isEqualTo(sandbox.token());
        assertThat(context.path("channel_webhook_url").asText()).isEqualTo(sandbox.apiUrl());
        assertThat(context.path("channel_message_id").asText()).isNotBlank();
    }

    @Test
    void changeChatModeSendsNothingAndTheChatGoesOn() {
        activeChannel(Map.of());
        agent.replies("{\"replies\":[{\"type\":\"changeChatMode\"},{\"type\":\"text\",\"text\":\"after\"}]}");

        long clientId = sandbox.clientWrites("switch").path("clientId").asLong();

        assertThat(sandbox.awaitSentToClient(clientId, 1)).extracting(m -> m.path("text").asText()).containsExactly("after");
    }
}
