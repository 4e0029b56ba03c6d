package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExecutorSettingsTest {

    @Test
    void aContainerMemoryLimitIsOptionalButNeverBelowWhatDockerAccepts() {
        // Verifies the container-memory setting: empty means no limit, 6 MiB is the least accepted, and less is refused
        // at start with the setting's name, rather than by the engine at the first step.
        assertThat(settings(OptionalLong.empty()).containerMemory()).isEmpty();
        assertThat(settings(OptionalLong.of(6L << 20)).containerMemory()).hasValue(6L << 20);

        assertThatThrownBy(() -> settings(OptionalLong.of(4L << 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slipway.execution.container-memory must be at least 6MB");
    }

    private static ExecutorSettings settings(OptionalLong containerMemory) {
        return new ExecutorSettings("executor", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100),
                500, Duration.ofSeconds(1), containerMemory);
    }
}
