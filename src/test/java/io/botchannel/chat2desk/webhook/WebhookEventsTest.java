package io.botchannel.chat2desk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botchannel.chat2desk.api.ApiError;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

    private final WebhookEvents events = new WebhookEvents();

    /** Chat2Desk's documented example of an inbox webhook. */
    private static final String INBOX = "{\"message_id\":28780,\"type\":\"from_client\",\"text\":\"test7\","
            + "\"transport\":\"widget\",\"client_id\":12568,\"operator_id\":null,\"dialog_id\":942,\"channel_id\":1,"
            + "\"photo\":null,\"coordinates\":null,\"audio\":null,\"pdf\":null,"
            + "\"client\":{\"id\":12568,\"phone\":\"[chat] 1d0bb2e221762cfcc05c\",\"client_phone\":null,"
            + "\"name\":\"[chat] 1d0bb2e221762cfcc05c\",\"assigned_name\":null,\"external_id\":null},"
            + "\"hook_type\":\"inbox\",\"request_id\":5357,\"attachments\":[],\"is_new_request\":false,"
            + "\"is_new_client\":false,\"insta_comment\":false,\"extra_data\":{},\"is_new\":true,"
            + "\"event_time\":\"2025-04-03T11:50:06.984494Z\"}";

    @Test
    void readsChat2DesksInboxExample() {
        WebhookEvent event = events.parse(INBOX);

        assertThat(event.isClientMessage()).isTrue();
        assertThat(event.messageId()).isEqualTo(28780L);
        assertThat(event.clientId()).isEqualTo(12568L);
        assertThat(event.dialogId()).isEqualTo(942L);
        assertThat(event.operatorId()).isNull();
        assertThat(event.chat2deskChannelId()).isEqualTo(1L);
        assertThat(event.transport()).isEqualTo("widget");
        assertThat(event.text()).isEqualTo("test7");
        assertThat(event.channelChatId()).isEqualTo("12568|chat2desk");
        assertThat(event.attachments()).isEmpty();
        // the widget's pseudo phone is no phone number
        assertThat(event.visitor().phone()).isNull();
    }

    @Test
    void idsMayComeAsNumericStringsOrEmpty() {
        WebhookEvent event = events.parse("{\"hook_type\":\"inbox\",\"message_id\":\"7\",\"client_id\":\"8\","
                + "\"operator_id\":\"\",\"dialog_id\":0}");

        assertThat(event.messageId()).isEqualTo(7L);
        assertThat(event.clientId()).isEqualTo(8L);
        assertThat(event.operatorId()).isNull();
        assertThat(event.dialogId()).isNull();
    }

    @Test
    void inboundMediaBecomeAttachmentsWithTheirKind() {
        WebhookEvent event = events.parse("{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":2,"
                + "\"photo\":\"https://storage.chat2desk.com/a/cat.jpg\",\"pdf\":\"https://storage.chat2desk.com/b/doc.pdf\","
                + "\"audio\":\"https://storage.chat2desk.com/c/v.ogg\",\"video\":\"https://storage.chat2desk.com/d/m.mp4\","
                + "\"attachments\":[{\"name\":\"song.mp3\",\"link\":\"https://storage.chat2desk.com/e/x\"},{\"name\":\"n\"}]}");

        assertThat(event.attachments()).extracting(WebhookEvent.Attachment::kind)
                .containsExactly("image", "video", "audio", "file", "audio");
        assertThat(event.attachments().get(0).name()).isEqualTo("cat.jpg");
        assertThat(event.attachments().get(4).name()).isEqualTo("song.mp3");
    }

    @Test
    void outboxAndOtherEventsAreNotClientMessages() {
        assertThat(events.parse("{\"hook_type\":\"outbox\",\"message_id\":1,\"client_id\":2}").isClientMessage()).isFalse();
        assertThat(events.parse("{\"hook_type\":\"close_request\",\"request_id\":5}").isClientMessage()).isFalse();
    }

    @Test
    void refusesWhatCannotBeRead() {
        assertThatThrownBy(() -> events.parse("{")).isInstanceOf(ApiError.class).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> events.parse("")).isInstanceOf(ApiError.class).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> events.parse("\"inbox\"")).isInstanceOf(ApiError.class).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> events.parse("{\"hook_type\":{}}")).hasMessageStartingWith("hook_type:");
        assertThatThrownBy(() -> events.parse("{\"hook_type\":\"inbox\",\"client_id\":1}")).hasMessageStartingWith("message_id:");
        assertThatThrownBy(() -> events.parse("{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":1.5}"))
                .hasMessageStartingWith("client_id:");
        assertThatThrownBy(() -> events.parse("{\"hook_type\":\"inbox\",\"message_id\":1,\"client_id\":2,\"text\":[1]}"))
                .hasMessageStartingWith("text:");
    }
}
