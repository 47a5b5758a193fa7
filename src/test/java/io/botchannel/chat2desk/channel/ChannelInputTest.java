package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.botchannel.chat2desk.api.ApiError;
import org.junit.jupiter.api.Test;

class ChannelInputTest {

    @Test
    void aNewChannelTakesDefaultsForWhatIsNotGiven() {
        Channel channel = ChannelInput.parse("{\"apiUrl\":\"https://api.chat2desk.kz/v1/\",\"token\":\" t0k \"}")
                .toNewChannel("id", "key", Instant.now());

        assertThat(channel.name()).isEqualTo("New channel");
        assertThat(channel.apiUrl()).isEqualTo("https://api.chat2desk.kz/v1");
        assertThat(channel.token()).isEqualTo("t0k");
        assertThat(channel.operatorId()).isNull();
        assertThat(channel.serviceMessages()).isFalse();
        assertThat(channel.active()).isFalse();
    }

    @Test
    void anUpdateChangesOnlyTheFieldsItNamesAndNullClearsOptionalOnes() {
        Channel before = ChannelInput.parse("{\"apiUrl\":\"https://a.example/v1\",\"token\":\"t\",\"operatorId\":5,"
                + "\"agentUrl\":\"http://agent.example\"}").toNewChannel("id", "key", Instant.now());

        Channel after = ChannelInput.parse("{\"name\":\"Sales\",\"operatorId\":null,\"serviceMessages\":true}").applyTo(before);

        assertThat(after.name()).isEqualTo("Sales");
        assertThat(after.operatorId()).isNull();
        assertThat(after.serviceMessages()).isTrue();
        assertThat(after.apiUrl()).isEqualTo("https://a.example/v1");
        assertThat(after.agentUrl()).isEqualTo("http://agent.example");
        assertThat(after.key()).isEqualTo("key");
    }

    @Test
    void operatorIdAcceptsANumberOrNumericString() {
        assertThat(ChannelInput.parse("{\"apiUrl\":\"http://a.example\",\"token\":\"t\",\"operatorId\":\"41164\"}")
                .toNewChannel("i", "k", Instant.now()).operatorId()).isEqualTo(41164L);
    }

    @Test
    void requiredFieldsCannotBeClearedOnUpdate() {
        Channel before = ChannelInput.parse("{\"apiUrl\":\"http://a.example\",\"token\":\"t\"}").toNewChannel("i", "k", Instant.now());

        assertThatThrownBy(() -> ChannelInput.parse("{\"token\":null}").applyTo(before))
                .isInstanceOf(ApiError.class).hasMessageStartingWith("token:");
    }

    @Test
    void overlongValuesAreRefused() {
        String longName = "x".repeat(1001);
        assertThatThrownBy(() -> ChannelInput.parse("{\"name\":\"" + longName + "\"}"))
                .isInstanceOf(ApiError.class).hasMessageStartingWith("name:");
    }
}
