package io.botchannel.chat2desk.channel;

/** The outcome of one activation check, as reported in a channel's {@code checks}. */
public record CheckResult(String check, boolean passed, String message) {

    public static CheckResult passed(String check, String message) {
        return new CheckResult(check, true, message);
    }

    public static CheckResult failed(String check, String message) {
        return new CheckResult(check, false, message);
    }
}
