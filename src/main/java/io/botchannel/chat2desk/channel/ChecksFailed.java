package io.botchannel.chat2desk.channel;

import java.util.List;
import java.util.Map;

import io.botchannel.chat2desk.api.ApiError;

/** APPLY refused: a check failed, so nothing was changed. The answer carries the checks. */
public class ChecksFailed extends ApiError {

    private final List<CheckResult> checks;

    public ChecksFailed(String message, List<CheckResult> checks) {
        super(409, message);
        this.checks = List.copyOf(checks);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("checks", checks);
    }
}
