package dev.slipway.history.domain;

import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the history learns when a build ends.
 *
 * @param status its final status
 * @param reason why, in words; empty for a plain success
 */
public record FinishedBuild(UUID id, BuildStatus status, String reason, Instant finishedAt) {

    public FinishedBuild {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a finished build cannot be " + status.wireName());
        }
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
