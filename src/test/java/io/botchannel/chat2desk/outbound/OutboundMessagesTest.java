package io.botchannel.chat2desk.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.chat.Chat;
import io.botchannel.chat2desk.markup.MarkupTranslator;
import org.junit.jupiter.api.Test;

/** The pieces chat2desk-outbound.camel.yaml builds a Chat2Desk message from. */
class OutboundMessagesTest {

    private final OutboundMessages messages = new OutboundMessages(MarkupTranslator.fromDefaults());
    private final Channel channel = new Channel("c", "k", "n", "http://x", "token", 41164L, false, null, true, null, null,
            Instant.now(), Instant.now(), Channel.Options.NONE);

    private static Chat chatOn(String transport) {
        return new Chat("c", 12568, transport, 3L, 942L, 28780L, null, false);
    }

    @Test
    void aMessageIsAddressedToTheClientOnItsTransportAsTheBotsOperator() {
        assertThat(messages.toClient(channel, chatOn("telegram"))).containsExactly(Map.entry("client_id", 12568L),
                Map.entry("type", "to_client"), Map.entry("transport", "telegram"), Map.entry("channel_id", 3L),
                Map.entry("operator_id", 41164L));
    }

    @Test
    void aFileGoesAsPdfAttachmentOrLinkWithItsCaption() {
        Chat chat = chatOn("widget");
        Map<String, Object> pdf = messages.toClient(channel, chat);
        Map<String, Object> reply = Map.of("url", "https://files.example/a.PDF?v=2", "caption", "The offer");
        assertThat(messages.isPdf(reply)).isTrue();
        messages.fileAsPdf(pdf, reply, chat);
        assertThat(pdf).containsEntry("pdf", "https://files.example/a.PDF?v=2").containsEntry("attachment_filename", "a.PDF")
                .containsEntry("text", "The offer");

        Map<String, Object> image = messages.toClient(channel, chat);
        Map<String, Object> cat = Map.of("url", "https://files.example/cat.jpg", "name", "Cat");
        assertThat(messages.isPdf(cat)).isFalse();
        messages.fileAsAttachment(image, cat, chat);
        assertThat(image).containsEntry("attachment", "https://files.example/cat.jpg")
                .containsEntry("attachment_filename", "Cat").doesNotContainKey("text");

        Map<String, Object> link = messages.toClient(channel, chat);
        messages.fileAsLink(link, Map.of("url", "https://files.example/b.docx", "caption", "Terms"), chat);
        assertThat(link).containsEntry("text", "Terms\nhttps://files.example/b.docx").doesNotContainKey("attachment");

        assertThatThrownBy(() -> messages.fileAsAttachment(image, Map.of("url", " "), chat))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transportListsCompareWithoutRegardToCaseOrSpaces() {
        assertThat(messages.transportIsOneOf(chatOn("Telegram"), "telegram, tg_user")).isTrue();
        assertThat(messages.transportIsOneOf(chatOn("tg_user"), "telegram, tg_user")).isTrue();
        assertThat(messages.transportIsOneOf(chatOn("widget"), "telegram,tg_user")).isFalse();
        assertThat(messages.transportIsOneOf(chatOn(null), "telegram")).isFalse();
        assertThat(messages.transportIsOneOf(chatOn("telegram"), "")).isFalse();
    }

    @Test
    void buttonsShowInlineAsAKeyboardOrAsANumberedList() {
        Properties table = new Properties();
        table.setProperty("buttons.transport.telegram", "inline");
        table.setProperty("buttons.transport.viber", "Keyboard");
        Buttons buttons = new Buttons(table, null);
        List<Buttons.Button> offered = buttons.inReply(Map.of("buttons", List.of(Map.of("text", "Yes", "payload", "y"),
                Map.of("text", "Site", "url", "https://x.example"))));

        assertThat(buttons.styleFor(chatOn("TELEGRAM"))).isEqualTo(Buttons.INLINE);
        assertThat(buttons.styleFor(chatOn("viber"))).isEqualTo(Buttons.KEYBOARD);
        assertThat(buttons.styleFor(chatOn("sms"))).isEqualTo(Buttons.TEXT);
        assertThat(buttons.inReply(Map.of("text", "no buttons"))).isNull();

        Map<String, Object> inline = messages.toClient(channel, chatOn("telegram"));
        buttons.asInlineButtons(inline, offered);
        assertThat(inline.get("inline_buttons")).isEqualTo(List.of(Map.of("type", "reply", "text", "Yes", "payload", "y"),
                Map.of("type", "url", "text", "Site", "url", "https://x.example")));

        Map<String, Object> keyboard = messages.toClient(channel, chatOn("viber"));
        buttons.asKeyboard(keyboard, offered);
        assertThat(keyboard.get("keyboard")).isEqualTo(Map.of("buttons", List.of(
                Map.of("type", "reply", "text", "Yes", "payload", "y"),
                Map.of("type", "url", "text", "Site", "url", "https://x.example"))));

        Map<String, Object> list = messages.toClient(channel, chatOn("sms"));
        list.put("text", "Choose");
        buttons.asNumberedList(list, offered);
        assertThat(list.get("text")).isEqualTo("Choose\n\n1. Yes\n2. Site: https://x.example");
    }
}
