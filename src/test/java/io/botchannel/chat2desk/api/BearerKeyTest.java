package io.botchannel.chat2desk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerKeyTest {

    @Test
    void theKeyIsReadFromABearerHeader() {
        assertThat(BearerKey.presented("Bearer abc ", "activate=true")).isEqualTo("abc");
        assertThat(BearerKey.presented("bearer abc", null)).isEqualTo("abc");
    }

    @Test
    void noKeyOrAnotherSchemeIs401() {
        for (String header : new String[] {null, "", "Bearer ", "Basic YWJjOmRlZg==", "abc"}) {
            assertThatThrownBy(() -> BearerKey.presented(header, null)).as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getStatus()).isEqualTo(401));
        }
    }

    @Test
    void aKeyInTheQueryStringIs400WhateverItsSpellingAndIsNotRepeated() {
        for (String query : new String[] {"Authorization=Bearer%20secret-key", "authorization=secret-key",
                "activate=true&AUTHORIZATION=secret-key", "Authoriz%61tion=secret-key", "x=1;Authorization=secret-key",
                "Authorization"}) {
            assertThatThrownBy(() -> BearerKey.presented("Bearer secret-key", query)).as(query)
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("Authorization:").doesNotContain("secret-key");
                    });
        }
        assertThat(BearerKey.inQuery("email=authorization%40example.com&activate")).isFalse();
        assertThat(BearerKey.inQuery("broken=%zz")).isFalse();
    }
}
