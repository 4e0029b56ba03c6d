package dev.slipway.history.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What the history learns when a step starts. */
public record StartedStep(UUID buildId, int index, String name, Instant startedAt) {

    public StartedStep {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
