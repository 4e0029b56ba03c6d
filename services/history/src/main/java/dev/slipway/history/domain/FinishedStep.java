package dev.slipway.history.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the history learns when a step ends.
 *
 * @param status   how it ended; never {@link StepStatus#RUNNING}
 * @param exitCode the exit code of its process, or {@code null} where there was none
 * @param message  why it ended so, in words; empty when it succeeded
 */
public record FinishedStep(UUID buildId, int index, String name, StepStatus status, Integer exitCode, String message,
                           Instant finishedAt) {

    public FinishedStep {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (status == StepStatus.RUNNING) {
            throw new IllegalArgumentException("a finished step cannot be running");
        }
        message = message == null ? "" : message;
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
