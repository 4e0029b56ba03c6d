package dev.slipway.history.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the history learns when an executor starts a build.
 *
 * @param executor the executor that holds the build's lease
 */
public record StartedBuild(UUID id, String repositoryId, long number, String executor, Instant startedAt) {

    public StartedBuild {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
