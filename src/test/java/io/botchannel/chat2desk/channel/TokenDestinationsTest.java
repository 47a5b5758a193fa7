package io.botchannel.chat2desk.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import io.botchannel.chat2desk.api.ApiError;
import org.junit.jupiter.api.Test;

class TokenDestinationsTest {

    private static Channel channel(String apiUrl, String agentUrl, boolean share) {
        Instant now = Instant.now();
        return new Channel("id", "key", "name", apiUrl, "token", null, false, agentUrl, true, null, List.of(), now, now,
                new Channel.Options(null, share, false));
    }

    @Test
    void anAddressIsItsSchemeHostAndPort() {
        assertThat(TokenDestinations.origin("https://API.chat2desk.com/v1")).isEqualTo("https://api.chat2desk.com:443");
        assertThat(TokenDestinations.origin("https://api.chat2desk.com:443/v2/"))
                .isEqualTo("https://api.chat2desk.com:443");
        assertThat(TokenDestinations.origin("http://api.chat2desk.com/v1")).isEqualTo("http://api.chat2desk.com:80");
        assertThat(TokenDestinations.origin("https://user@api.chat2desk.com.evil.example/v1"))
                .isEqualTo("https://api.chat2desk.com.evil.example:443");
    }

    @Test
    void anotherHostSchemeOrPortNeedsTheTokenAgain() {
        Channel current = channel("https://api.chat2desk.com/v1", null, false);
        for (String moved : new String[] {"https://api.chat2desk.kz/v1", "http://api.chat2desk.com/v1",
                "https://api.chat2desk.com:8443/v1"}) {
            assertThatThrownBy(() -> TokenDestinations.requireTokenForNewAddresses(current,
                    channel(moved, null, false), false)).as(moved)
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                            .startsWith("token: give the token again to send it to ")
                            .endsWith("; it was given for https://api.chat2desk.com:443"));
            assertThatCode(() -> TokenDestinations.requireTokenForNewAddresses(current,
                    channel(moved, null, false), true)).doesNotThrowAnyException();
        }
        assertThatCode(() -> TokenDestinations.requireTokenForNewAddresses(current,
                channel("https://API.chat2desk.com:443/v2", "https://other.example", false), false))
                .doesNotThrowAnyException();
    }

    @Test
    void theAgentCountsOnlyWhileTheTokenIsShared() {
        Channel sharing = channel("https://api.chat2desk.com/v1", "https://bot.example/agent", true);

        assertThat(TokenDestinations.of(sharing))
                .containsExactly("https://api.chat2desk.com:443", "https://bot.example:443 (the Agent)");
        assertThatThrownBy(() -> TokenDestinations.requireTokenForNewAddresses(sharing,
                channel("https://api.chat2desk.com/v1", "https://evil.example/agent", true), false))
                .hasMessageContaining("https://evil.example:443 (the Agent)");
        assertThatThrownBy(() -> TokenDestinations.requireTokenForNewAddresses(sharing,
                channel("https://api.chat2desk.com/v1", null, true), false))
                .hasMessageContaining("the default Agent (agent.url)");
        assertThatThrownBy(() -> TokenDestinations.requireTokenForNewAddresses(
                channel("https://api.chat2desk.com/v1", "https://bot.example/agent", false), sharing, false))
                .hasMessageContaining("(the Agent)");
        assertThatCode(() -> TokenDestinations.requireTokenForNewAddresses(sharing,
                channel("https://api.chat2desk.com/v1", "https://bot.example/agent/v2", true), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> TokenDestinations.requireTokenForNewAddresses(sharing,
                channel("https://api.chat2desk.com/v1", "https://evil.example/agent", false), false))
                .as("sharing stops").doesNotThrowAnyException();
    }
}
