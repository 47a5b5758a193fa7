package io.botchannel.chat2desk.kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.botchannel.chat2desk.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The source's memory of the events it handed on, in the embedded SQLite file and in PostgreSQL. */
class ReceivedEventsTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anEventHandedOnIsRecognisedAfterARestartUntilTheRetentionEnds(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.of(kind)) {
            TestClock clock = new TestClock();
            try (ReceivedEvents events = open(database, "/chat2desk/events", clock)) {
                assertThat(events.isNew("inbox:1")).isTrue();
                events.remember("inbox:1");
                events.remember("inbox:1"); // a second remember of the same event is no error
                assertThat(events.isNew("inbox:1")).isFalse();
                assertThat(events.isNew("inbox:2")).isTrue();
            }
            try (ReceivedEvents restarted = open(database, "/chat2desk/events", clock);
                 ReceivedEvents otherSource = open(database, "/other/events", clock)) {
                assertThat(restarted.isNew("inbox:1")).as("after a restart").isFalse();
                assertThat(otherSource.isNew("inbox:1")).as("another source's events are its own").isTrue();

                clock.advance(Duration.ofMinutes(181));
                restarted.remember("inbox:3"); // forgets what is past the retention as it goes
                assertThat(restarted.isNew("inbox:1")).as("past the retention").isTrue();
                assertThat(restarted.isNew("inbox:3")).isFalse();
            }
        }
    }

    private static ReceivedEvents open(TestDatabase database, String source, Clock clock) {
        return new ReceivedEvents(database.url(), database.user(), database.password(), source, Duration.ofMinutes(180), clock);
    }
}
