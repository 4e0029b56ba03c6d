package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {

    @Test
    void sweepsThreeTimesPerLeaseTimeout() {
        // Verifies the sweep interval: a lost executor's builds end at most a third of a timeout after it expires.
        assertThat(new LeaseSettings(Duration.ofSeconds(30), false).sweepInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesALeaseTimeoutThatALateHeartbeatCouldOutlast() {
        // Verifies the check against the dispatcher's pace: the defaults pass, a timeout under two silences does not.
        LeaseSettings defaults = new LeaseSettings(Duration.ofSeconds(30), false);
        assertThat(defaults.requireRoomFor(Duration.ofSeconds(10), Duration.ofSeconds(3))).isSameAs(defaults);

        assertThatThrownBy(() -> new LeaseSettings(Duration.ofSeconds(20), false)
                .requireRoomFor(Duration.ofSeconds(10), Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.execution.lease-timeout (PT20S)")
                .hasMessageContaining("heartbeat-interval plus engine-poll-interval (PT13S)");
        assertThatThrownBy(() -> new LeaseSettings(Duration.ZERO, false))
                .hasMessageContaining("lease-timeout must be positive");
    }
}
