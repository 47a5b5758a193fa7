package io.botchannel.chat2desk.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.camel.http.base.HttpOperationFailedException;

/** How long a failed HTTP call asked to be left alone: its answer's {@code Retry-After}, at most a minute. */
final class RetryAfter {

    static final long MAX_DELAY_MS = 60_000;

    private RetryAfter() {
    }

    /** The delay the failure asked for, or 0 when it asked for none. */
    static long of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http && http.getResponseHeaders() != null) {
                return http.getResponseHeaders().entrySet().stream()
                        .filter(header -> "Retry-After".equalsIgnoreCase(header.getKey()))
                        .map(header -> delayMillis(header.getValue(), Instant.now()))
                        .findFirst().orElse(0L);
            }
        }
        return 0;
    }

    /** Retry-After is seconds or an HTTP date; anything else asks for nothing. */
    static long delayMillis(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        long millis;
        if (v.matches("[0-9]{1,9}")) {
            millis = Long.parseLong(v) * 1000;
        } else {
            try {
                millis = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis();
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
        return Math.max(0, Math.min(millis, MAX_DELAY_MS));
    }
}
