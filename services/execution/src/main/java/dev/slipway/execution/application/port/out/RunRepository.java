package dev.slipway.execution.application.port.out;

import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** The executor's table of runs. Every method joins the caller's transaction when one is active. */
public interface RunRepository {

    /**
     * Stores a queued run unless a run with its build id exists.
     *
     * @return whether it was stored
     */
    boolean insertIfAbsent(Run run);

    /**
     * Hands the oldest queued run to {@code executorId}: its state becomes running, with the
     * executor and a first heartbeat. Two executors never claim the same run.
     */
    Optional<Run> claimOldestQueued(String executorId, Instant now);

    /** Records that {@code executorId} still works on these runs. */
    void heartbeat(Collection<UUID> buildIds, String executorId, Instant now);

    /** Records the image that a run built. */
    void recordImage(UUID buildId, String imageId);

    /** Finishes a run with its final status and the reason for it. */
    void finish(UUID buildId, BuildStatus status, String reason, Instant now);
}
