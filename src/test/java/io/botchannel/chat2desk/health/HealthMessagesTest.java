package io.botchannel.chat2desk.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthMessagesTest {

    @Test
    void quotesBackslashesAndLineBreaksCannotBreakTheHealthJson() {
        assertThat(HealthMessages.plain("Connection is broken: \"java.net.ConnectException\"\n\tat C:\\db"))
                .isEqualTo("Connection is broken: 'java.net.ConnectException' at C:'db");
        assertThat(HealthMessages.plain(null)).isEmpty();
    }
}
