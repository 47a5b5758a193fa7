package io.botchannel.chat2desk.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the check chain for one channel, the body the check routes pass along: the channel
 * as it would be saved, what the checks found in the order they ran, and what they share (the
 * webhook registration). A check that starts is recorded as passed until it says otherwise.
 */
public final class CheckRun {

    private final Channel channel;
    private final String webhookUrl;
    private final List<CheckResult> results = new ArrayList<>();
    private long deadline;
    private boolean failed;
    private Long webhookId;
    private boolean webhookChanged;

    public CheckRun(Channel channel, String webhookUrl) {
        this.channel = channel;
        this.webhookUrl = webhookUrl;
    }

    public Channel channel() {
        return channel;
    }

    /** The URL at which Chat2Desk delivers this channel's webhooks. */
    public String webhookUrl() {
        return webhookUrl;
    }

    /** A check starts, with its time limit. */
    void begin(String check, Duration timeLimit) {
        results.add(CheckResult.passed(check, "passed"));
        deadline = System.currentTimeMillis() + timeLimit.toMillis();
    }

    /** What the running check found, when it passed. */
    public CheckRun passed(String message) {
        CheckResult current = current();
        results.set(results.size() - 1, CheckResult.passed(current.check(), message));
        return this;
    }

    /** The running check failed, saying what to fix; the chain stops here. What it quotes never shows the token. */
    void failed(String message) {
        CheckResult current = current();
        String quoted = channel == null ? message : TokenMask.hide(message, channel.token());
        results.set(results.size() - 1, CheckResult.failed(current.check(), quoted));
        failed = true;
    }

    /** Time left to the running check. */
    Duration remaining() {
        return Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis()));
    }

    /** Every check of the chain ran, and passed. */
    public boolean passed() {
        return !failed && !results.isEmpty();
    }

    public List<CheckResult> checks() {
        return List.copyOf(results);
    }

    public CheckResult last() {
        return results.get(results.size() - 1);
    }

    /** The channel's webhook, once the chain registered it. */
    public Long webhookId() {
        return webhookId;
    }

    /** The run created, enabled again or corrected the registration. */
    public boolean webhookChanged() {
        return webhookChanged;
    }

    void webhookRegistered(long id, boolean changed) {
        webhookId = id;
        webhookChanged |= changed;
    }

    private CheckResult current() {
        if (results.isEmpty()) {
            throw new IllegalStateException("no check is running: a check route needs routeConfigurationId activation-check");
        }
        return results.get(results.size() - 1);
    }
}
