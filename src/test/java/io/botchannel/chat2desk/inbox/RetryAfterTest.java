package io.botchannel.chat2desk.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.delayMillis("3", NOW)).isEqualTo(3000);
        assertThat(RetryAfter.delayMillis("Wed, 25 Nov 2026 10:00:07 GMT", NOW)).isEqualTo(7000);
    }

    @Test
    void neverWaitsMoreThanAMinuteOrLessThanNothing() {
        assertThat(RetryAfter.delayMillis("86400", NOW)).isEqualTo(RetryAfter.MAX_DELAY_MS);
        assertThat(RetryAfter.delayMillis("Wed, 25 Nov 2026 09:00:00 GMT", NOW)).isZero();
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.delayMillis(null, NOW)).isZero();
        assertThat(RetryAfter.delayMillis("soon", NOW)).isZero();
        assertThat(RetryAfter.delayMillis("-5", NOW)).isZero();
    }

    @Test
    void findsTheHeaderOfAFailedCallWhereverItIsWrapped() {
        HttpOperationFailedException failed = new HttpOperationFailedException("http://c2d/v1/messages", 429,
                "Too Many Requests", null, Map.of("retry-after", "2"), "{}");

        assertThat(RetryAfter.of(new RuntimeException("split failed", failed))).isEqualTo(2000);
        assertThat(RetryAfter.of(new RuntimeException("no http"))).isZero();
    }
}
