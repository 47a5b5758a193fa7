package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.chat.Chat;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What chat2desk-sink accepts as replies, and where its replies and hand-overs go. */
class Chat2DeskRepliesTest {

    private final CamelContext context = new DefaultCamelContext();
    private final Chat2DeskReplies replies = new Chat2DeskReplies();

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
    void theRoutesOwnReplyTypesAreAcceptedOnceNamed() {
        String own = "{\"type\":\"closeDialog\"}";
        assertThatThrownBy(() -> replies.replies(exchange(own))).hasMessageStartingWith("replies[0].type: must be one of");
        context.getPropertiesComponent().addOverrideProperty("replies.extra-types", "closeDialog, ");
        Chat2DeskReplies withTheRoutesTypes = new Chat2DeskReplies();
        assertThat(withTheRoutesTypes.replies(exchange(own))).extracting(r -> r.get("type")).containsExactly("closeDialog");
    }

    @Test
    void theCloudEventsAliasesNameTheChatToo() {
        Chat chat = ChatAddress.of(Map.of("ce-chat-id", "5", "ce-transport", "viber", "message-id", 9));
        assertThat(chat.clientId()).isEqualTo(5);
        assertThat(chat.transport()).isEqualTo("viber");
        assertThat(chat.lastMessageId()).isEqualTo(9L);
        assertThat(ChatAddress.of(Map.of("chat-id", 6, "ce-chat-id", 5)).clientId()).isEqualTo(6);
        assertThat(new TransferTarget().reply(Map.of("ce-group-id", "7"))).containsEntry("groupId", 7L);
    }

    @Test
    void aMissingChatOrABadIdIsNamed() {
        assertThatThrownBy(() -> ChatAddress.of(Map.of())).hasMessageStartingWith("chat-id: header is required");
        assertThatThrownBy(() -> ChatAddress.of(Map.of("chat-id", "x1"))).hasMessageStartingWith("chat-id header: must be a positive number");
        TransferTarget both = new TransferTarget();
        both.setOperatorId("1");
        assertThatThrownBy(() -> both.setGroupId("7")).hasMessageContaining("not both");
        KameletAccount noToken = new KameletAccount();
        noToken.setApiUrl("http://x/v1");
        noToken.setToken("");
        assertThatThrownBy(noToken::channel).hasMessageStartingWith("token: is required");
        assertThatThrownBy(() -> new KameletAccount().setOperatorId("x1")).hasMessageStartingWith("operatorId: must be");
    }
}
