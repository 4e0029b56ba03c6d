package dev.slipway.execution.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a run, and since when they last said so. A running run is held under a live lease
 * while its heartbeat is younger than the lease timeout; once it is older, its executor is taken
 * for lost.
 *
 * @param buildId     the run's build
 * @param state       where the run stands
 * @param executorId  the executor that claimed it, or {@code null} while it is queued
 * @param heartbeatAt the executor's last heartbeat, or {@code null} while it is queued
 * @param attempts    how often the run was claimed
 */
public record Lease(UUID buildId, RunState state, String executorId, Instant heartbeatAt, int attempts) {

    public Lease {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(state, "state");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be 0 or more, was " + attempts);
        }
    }

    /** Whether an executor holds the run at {@code now}: it is running and its heartbeat is not older than {@code timeout}. */
    public boolean isLive(Instant now, Duration timeout) {
        return state == RunState.RUNNING && heartbeatAt != null && !heartbeatAt.isBefore(now.minus(timeout));
    }
}
