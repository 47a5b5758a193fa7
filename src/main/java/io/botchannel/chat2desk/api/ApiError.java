package io.botchannel.chat2desk.api;

import java.util.Map;

/** An answer other than success for a caller of the bundle's HTTP endpoints: status and a readable reason. */
public class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, message);
    }

    public int getStatus() {
        return status;
    }

    /** What the answer carries beside {@code error}, such as the checks of a refused APPLY. */
    public Map<String, Object> details() {
        return Map.of();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Expected answers, not faults: no stack trace to build or to log
        return this;
    }
}
