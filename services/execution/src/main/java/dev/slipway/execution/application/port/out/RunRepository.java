package dev.slipway.execution.application.port.out;

import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
     * executor and a first heartbeat, and its attempts go up by one. Two executors never claim the
     * same run.
     */
    Optional<Run> claimOldestQueued(String executorId, Instant now);

    /** Records that {@code executorId} still works on these runs. */
    void heartbeat(Collection<UUID> buildIds, String executorId, Instant now);

    /** Records the image that a run built. */
    void recordImage(UUID buildId, String imageId);

    /** Finishes a run with its final status and the reason for it. */
    void finish(UUID buildId, BuildStatus status, String reason, Instant now);

    /**
     * Locks up to {@code max} running runs whose heartbeat is older than {@code heartbeatBefore},
     * oldest heartbeat first, until the caller's transaction ends. Runs that another transaction
     * has locked are skipped, not waited for: two sweepers never take the same run. Must be called
     * inside a transaction.
     */
    List<LostRun> lockLost(Instant heartbeatBefore, int max);

    /** Puts a run back in the queue, without executor or heartbeat, as if it had never been claimed. */
    void requeue(UUID buildId);

    /** The leases of those of {@code buildIds} that are runs of this table, by build id. */
    Map<UUID, Lease> leases(Collection<UUID> buildIds);

    /**
     * A running run whose executor stopped sending heartbeats.
     *
     * @param run   the run, as claimed
     * @param lease who held it and when they last said so
     */
    record LostRun(Run run, Lease lease) {
    }
}
