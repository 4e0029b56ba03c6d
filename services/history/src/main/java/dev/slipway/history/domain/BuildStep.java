package dev.slipway.history.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a build.
 *
 * @param index    its position in the plan, from 0
 * @param exitCode the exit code of its process, {@code null} while running or when there was none
 * @param message  why it ended so; {@code null} while running
 */
public record BuildStep(int index, String name, StepStatus status, Integer exitCode, String message,
                        Instant startedAt, Instant finishedAt) {

    public BuildStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
