package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a run of the check chain records, and what re-verification keeps of the earlier checks. */
class CheckRunTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    @Test
    void aCheckThatStartsIsPassedUntilItSaysOtherwise() {
        CheckRun run = new CheckRun(null, "http://bundle/webhooks/chat2desk/k");

        run.begin("agent-trained", LIMIT);
        run.passed("the Agent is trained");
        run.begin("silent-check", LIMIT);

        assertThat(run.checks()).containsExactly(CheckResult.passed("agent-trained", "the Agent is trained"),
                CheckResult.passed("silent-check", "passed"));
        assertThat(run.passed()).isTrue();
    }

    @Test
    void aFailedCheckFailsTheRunUnderItsName() {
        CheckRun run = new CheckRun(null, "url");
        run.begin("agent-trained", LIMIT);
        run.begin("token-unique", LIMIT);

        run.failed("the active channel x already uses this token");

        assertThat(run.passed()).isFalse();
        assertThat(run.last()).isEqualTo(CheckResult.failed("token-unique", "the active channel x already uses this token"));
    }

    @Test
    void aRunWithNoCheckHasNotPassed() {
        assertThat(new CheckRun(null, "url").passed()).isFalse();
    }

    @Test
    void reverificationKeepsTheEarlierChecksBeforeTheFirstItRepeats() {
        List<CheckResult> earlier = List.of(CheckResult.passed("agent-trained", "a"), CheckResult.passed("token-unique", "t"),
                CheckResult.passed("address-accessible", "old"), CheckResult.passed("webhook-registered", "old"));
        List<CheckResult> repeated = List.of(CheckResult.failed("address-accessible", "Token is not correct"));

        assertThat(ChannelLifecycle.notRepeated(earlier, repeated)).containsExactly(earlier.get(0), earlier.get(1));
    }

    @Test
    void reverificationOfChecksTheChannelNeverRanKeepsEveryEarlierOne() {
        List<CheckResult> earlier = List.of(CheckResult.passed("agent-trained", "a"));
        List<CheckResult> repeated = List.of(CheckResult.passed("webhook-registered", "w"));

        assertThat(ChannelLifecycle.notRepeated(earlier, repeated)).containsExactlyElementsOf(earlier);
    }
}
