package io.botchannel.chat2desk.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Calls per channel and second, on a clock the test moves (nanoseconds). */
class RateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void theFirstCallsOfASecondGoAtOnceAndTheNextWaitsUntilTheFirstIsASecondOld() {
        RateLimit limit = new RateLimit(3);
        long t0 = 5 * SECOND;

        assertThat(limit.reserve("a", t0)).isZero();
        assertThat(limit.reserve("a", t0 + 10 * MS)).isZero();
        assertThat(limit.reserve("a", t0 + 20 * MS)).isZero();
        // the fourth call goes when the first is a second old, the fifth when the second is
        assertThat(limit.reserve("a", t0 + 30 * MS)).isEqualTo(SECOND - 30 * MS);
        assertThat(limit.reserve("a", t0 + 30 * MS)).isEqualTo(SECOND + 10 * MS - 30 * MS);
    }

    @Test
    void channelsDoNotShareTheirLimit() {
        RateLimit limit = new RateLimit(1);

        assertThat(limit.reserve("a", 0)).isZero();
        assertThat(limit.reserve("b", 0)).isZero();
        assertThat(limit.reserve("a", 0)).isEqualTo(SECOND);
    }

    @Test
    void noSecondEverHoldsMoreCallsThanTheLimitWhateverTheArrivals() {
        RateLimit limit = new RateLimit(7);
        Random random = new Random(42);
        List<Long> sent = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextInt(4) == 0 ? random.nextInt(400) * MS : 0;   // bursts and pauses
            sent.add(now + limit.reserve("a", now));
        }

        for (int i = 7; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - 7)).as("call %d and the 7th before it", i).isGreaterThanOrEqualTo(SECOND);
        }
        assertThat(sent).isSorted();
    }

    @Test
    void aChannelKeepsOnlyTheCallsOfItsLastSecond() {
        RateLimit limit = new RateLimit(1000);
        for (int i = 0; i < 500; i++) {
            limit.reserve("a", i * MS);
        }
        assertThat(limit.kept("a")).isEqualTo(500);

        limit.reserve("a", 10 * SECOND);

        assertThat(limit.kept("a")).isEqualTo(1);
    }

    @Test
    void aMessageNotDueIsPutBackWithItsOwnSlotWhichItTakesWhenItComesBack() {
        RateLimit limit = new RateLimit(1);
        long t0 = 5 * SECOND;

        assertThatCode(() -> limit.take("a", 1, t0)).doesNotThrowAnyException();
        // the next two are given the next two seconds' slots, not the same one
        assertThatThrownBy(() -> limit.take("a", 2, t0)).isInstanceOf(RateLimited.class)
                .satisfies(e -> assertThat(((RateLimited) e).delayMillis()).isEqualTo(1000));
        assertThatThrownBy(() -> limit.take("a", 3, t0)).isInstanceOf(RateLimited.class)
                .satisfies(e -> assertThat(((RateLimited) e).delayMillis()).isEqualTo(2000));
        // back a little early: still its own slot, not a new one after the others'
        assertThatThrownBy(() -> limit.take("a", 2, t0 + 900 * MS)).isInstanceOf(RateLimited.class)
                .satisfies(e -> assertThat(((RateLimited) e).delayMillis()).isEqualTo(100));
        assertThatCode(() -> limit.take("a", 2, t0 + SECOND)).doesNotThrowAnyException();
        assertThatCode(() -> limit.take("a", 3, t0 + 2 * SECOND)).doesNotThrowAnyException();
    }

    @Test
    void aLimitBelowOneIsRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> new RateLimit(0)).hasMessageContaining("chat2desk.rate-per-second");
    }
}
