package dev.slipway.execution.application.port.out;

import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Records that the executor still works on these runs, each as it claimed it: a run gets the
     * heartbeat only while it is running under that claim (the same executor and attempt).
     *
     * @return the build ids of the runs that are still held; the others were taken from their
     *         executor (ended, or queued and perhaps claimed again by a sweeper)
     */
    Set<UUID> heartbeat(Collection<Run> held, Instant now);

    /** Records the image that a run built. */
    void recordImage(UUID buildId, String imageId);

    /**
     * Finishes a run with its final status and the reason for it, whoever holds it: for a run that
     * the caller has locked ({@link #lockLost}) or that is queued.
     */
    void finish(UUID buildId, BuildStatus status, String reason, Instant now);

    /**
     * Finishes run {@code held} as its executor claimed it, only while that claim still holds it:
     * it is running, with the same executor and attempt.
     *
     * @return whether it finished it; false when the run was taken from this claim meanwhile (a
     *         sweeper ended it or queued it again), and nothing changed
     */
    boolean finishHeld(Run held, BuildStatus status, String reason, Instant now);

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

    /** Stores the plan a run runs: the JSON text of the request's plan. */
    void recordPlan(UUID buildId, String planJson);

    /** The JSON text of the run's plan, or empty when its request carried none. */
    Optional<String> plan(UUID buildId);

    /**
     * Records that build {@code buildId} is to be cancelled for {@code reason}, whether or not its
     * run exists yet, and ends it at once if it is queued. A second request for the same build
     * keeps the first one's reason.
     */
    CancelRequest requestCancel(UUID buildId, String reason, Instant now);

    /** The reason a cancel was requested for build {@code buildId}, if one was. */
    Optional<String> cancelReason(UUID buildId);

    /** The running runs of {@code executorId} that someone asked to cancel, with the reasons. */
    Map<UUID, String> cancelRequestsOfRunning(String executorId);

    /** What {@link #requestCancel} found. */
    sealed interface CancelRequest {

        /**
         * The run was queued; it is now finished {@code cancelled}, never having started.
         *
         * @param reason the reason it finished with: the first request's
         */
        record CancelledWhileQueued(Run run, String reason) implements CancelRequest {
        }

        /** The run is running on {@code executorId}, which has to stop it. */
        record Running(String executorId) implements CancelRequest {
        }

        /** The run had finished; nothing changed. */
        record AlreadyFinished() implements CancelRequest {
        }

        /** No run exists yet; the request waits for the build's request to arrive. */
        record NoRunYet() implements CancelRequest {
        }
    }
}
