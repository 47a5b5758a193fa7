package io.botchannel.chat2desk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    @Test
    void addressesAndRangesOfBothFamilies() {
        AddressRanges ranges = AddressRanges.parse("10.1.0.0/16, 192.0.2.7, fd00::/8", "some.key");

        assertThat(ranges.contains("10.1.200.3")).isTrue();
        assertThat(ranges.contains("10.2.0.1")).isFalse();
        assertThat(ranges.contains("192.0.2.7")).isTrue();
        assertThat(ranges.contains("192.0.2.8")).isFalse();
        assertThat(ranges.contains("fd12::1")).isTrue();
        assertThat(ranges.contains("127.0.0.1")).isFalse();
    }

    @Test
    void emptyMeansThisMachineAndNamesAreNeverLookedUp() {
        AddressRanges loopback = AddressRanges.parse(" ", "some.key");

        assertThat(loopback.contains("127.0.0.2")).isTrue();
        assertThat(loopback.contains("::1")).isTrue();
        assertThat(loopback.contains("localhost")).isFalse();
        assertThat(loopback.contains(null)).isFalse();
        assertThat(loopback).hasToString(AddressRanges.LOOPBACK);
    }

    @Test
    void aWrongEntryIsNamedWithItsKey() {
        assertThatThrownBy(() -> AddressRanges.parse("127.0.0.1, example.com", "health.details-allow-from"))
                .hasMessage("health.details-allow-from: 'example.com' is not an IP address or a CIDR range such as"
                        + " 127.0.0.0/8 or ::1");
        assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/33", "some.key")).hasMessageContaining("'10.0.0.0/33'");
    }
}
