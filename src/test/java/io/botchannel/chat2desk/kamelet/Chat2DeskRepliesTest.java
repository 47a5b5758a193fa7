package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What chat2desk-sink accepts as replies, and how it renders them without the bundle around it. */
class Chat2DeskRepliesTest {

    private final CamelContext context = new DefaultCamelContext();
    private final Chat2DeskReplies replies = new Chat2DeskReplies("http://127.0.0.1:1/v1", "token", "");

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void oneReplyOrAListOfThemIsAccepted() {
        assertThat(replies.replies(exchange("{\"type\":\"text\",\"text\":\"hi\"}"))).hasSize(1);
        assertThat(replies.replies(exchange("{\"replies\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"changeChatMode\"}]}")))
                .extracting(r -> r.get("type")).containsExactly("text", "changeChatMode");
        assertThat(replies.replies(exchange(Map.of("type", "transfer", "groupId", 7)))).hasSize(1);
    }

    @Test
    void aBodyWithAnyReplyThatCannotBeSentIsRefusedNamingEachOne() {
        assertThatThrownBy(() -> replies.replies(exchange(
                "{\"replies\":[{\"type\":\"text\",\"text\":\"\"},{\"type\":\"file\",\"url\":\"ftp://x\"},{\"type\":\"poll\"}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replies[0].text")
                .hasMessageContaining("replies[1].url")
                .hasMessageContaining("replies[2].type");
        assertThatThrownBy(() -> replies.replies(exchange("{broken"))).hasMessageStartingWith("body: not valid JSON");
        assertThatThrownBy(() -> replies.replies(exchange("[1]"))).hasMessageStartingWith("body: must be");
    }

    @Test
    void theTablesAreTheBundlesUnlessTheRuntimeSetsItsOwn() throws Exception {
        Map<String, Object> reply = Map.of("type", "text", "text", "__Hi__", "buttons", List.of(Map.of("text", "Yes")));
        Chat whatsapp = new Chat(null, 5, "whatsapp", null, null, null, null, false);
        Channel anyOperator = new Channel(null, null, null, null, null, null, false, null, true, null, null, null, null, null);

        assertThat(Chat2DeskReplies.rendering(new Properties()).text(anyOperator, whatsapp, reply))
                .contains("\"text\":\"*Hi*\\n\\n1. Yes\"");
        Properties own = new Properties();
        own.setProperty("markup.transport.whatsapp", "plain");
        own.setProperty("buttons.transport.whatsapp", "keyboard");
        assertThat(Chat2DeskReplies.rendering(own).text(anyOperator, whatsapp, reply))
                .contains("\"text\":\"Hi\"").contains("\"keyboard\"");
    }

    @Test
    void aMissingChatOrABadIdIsNamed() {
        assertThatThrownBy(() -> ChatAddress.of(Map.of())).hasMessageStartingWith("chat-id: header is required");
        assertThatThrownBy(() -> ChatAddress.of(Map.of("chat-id", "x1"))).hasMessageStartingWith("chat-id header: must be a positive number");
        assertThatThrownBy(() -> new Chat2DeskTransfers("http://x/v1", "t", 1, 7)).hasMessageContaining("not both");
        assertThatThrownBy(() -> new Chat2DeskTransfers("http://x/v1", "", "", "")).hasMessageStartingWith("token: is required");
    }
}
