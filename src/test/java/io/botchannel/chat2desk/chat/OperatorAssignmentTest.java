package io.botchannel.chat2desk.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.botchannel.chat2desk.channel.Channel;
import io.botchannel.chat2desk.webhook.WebhookEvent;
import org.junit.jupiter.api.Test;

class OperatorAssignmentTest {

    private final OperatorAssignment assignment = new OperatorAssignment();

    private static Channel channel(Long operatorId) {
        return new Channel("c", "k", "n", "http://x", "token", operatorId, false, null, true, null, null,
                Instant.now(), Instant.now(), Channel.Options.NONE);
    }

    private static WebhookEvent messageAssignedTo(Long operatorId) {
        return new WebhookEvent("inbox", "from_client", 1L, 2L, 3L, operatorId, 1L, null, "widget", "hi", null,
                new WebhookEvent.Visitor(null, null), "{}");
    }

    @Test
    void withoutAnOperatorIdTheBotAnswersOnlyTheGeneralQueue() {
        assertThat(assignment.botMayAnswer(channel(null), messageAssignedTo(null))).isTrue();
        assertThat(assignment.botMayAnswer(channel(null), messageAssignedTo(41165L))).isFalse();
    }

    @Test
    void withAnOperatorIdTheBotAnswersOnlyChatsAssignedToIt() {
        assertThat(assignment.botMayAnswer(channel(41164L), messageAssignedTo(41164L))).isTrue();
        assertThat(assignment.botMayAnswer(channel(41164L), messageAssignedTo(null))).isFalse();
        assertThat(assignment.botMayAnswer(channel(41164L), messageAssignedTo(41165L))).isFalse();
        assertThat(assignment.isLeftToSomeoneElse(channel(41164L), messageAssignedTo(41165L), null)).isTrue();
    }

    @Test
    void aChatTheBotHandedOverIsLeftAloneEvenInTheGeneralQueue() {
        Chat handedOver = new Chat("c", 2L, "widget", 1L, 3L, 1L, null, true);
        Chat botsChat = new Chat("c", 2L, "widget", 1L, 3L, 1L, null, false);

        assertThat(assignment.isLeftToSomeoneElse(channel(null), messageAssignedTo(null), handedOver)).isTrue();
        assertThat(assignment.isLeftToSomeoneElse(channel(null), messageAssignedTo(null), botsChat)).isFalse();
    }

    @Test
    void aChatIsTheBotsAgainWhenClosedOrGivenToWhomTheBotWorksAs() {
        assertThat(assignment.isBackToBot(channel(null), event("dialog_transferred", null))).isTrue();
        assertThat(assignment.isBackToBot(channel(null), event("dialog_transferred", 41165L))).isFalse();
        assertThat(assignment.isBackToBot(channel(41164L), event("dialog_transferred", 41164L))).isTrue();
        assertThat(assignment.isBackToBot(channel(41164L), event("dialog_transferred", null))).isFalse();
        assertThat(assignment.isBackToBot(channel(41164L), event("close_dialog", 41165L))).isTrue();
        assertThat(assignment.isBackToBot(channel(null), event("new_request", null))).isFalse();
    }

    private static WebhookEvent event(String hookType, Long operatorId) {
        return new WebhookEvent(hookType, null, null, 2L, 3L, operatorId, 1L, null, null, null, null,
                new WebhookEvent.Visitor(null, null), "{}");
    }
}
