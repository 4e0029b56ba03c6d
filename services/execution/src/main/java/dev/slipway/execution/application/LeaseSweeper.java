package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.RunRepository.LostRun;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the builds of lost executors. A running run whose heartbeat is older than the lease
 * timeout belongs to an executor that died, hung or lost its database; any executor's sweeper
 * takes such runs, each in the transaction that locks it, so that two sweepers never both act
 * on one run:
 * <ul>
 *   <li>by default the run finishes {@code errored}, and {@code BuildFinished} says which
 *       executor was lost and when it was last heard of; what the build left on this executor's
 *       engine, and its workspaces, are removed after the commit;</li>
 *   <li>with {@link LeaseSettings#retryLostBuilds()}, a run claimed only once is queued again
 *       instead. What its first attempt left on the engine, and its workspaces, are removed before
 *       the run is let go, so that the cleanup can never remove those of its second attempt.</li>
 * </ul>
 * A lost executor's engine or disk may be another one; its leftovers there are removed by
 * {@link LeftoverCleanup} when it starts again.
 */
public final class LeaseSweeper {

    /** A lost build is retried once: its second claim is its last. */
    static final int MAX_ATTEMPTS = 2;
    /** Runs taken per transaction; a longer backlog takes several. */
    static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);

    private final RunRepository runs;
    private final Transactions transactions;
    private final BuildEventPublisher events;
    private final BuildBackend backend;
    private final SourceCheckout workspaces;
    private final LeaseSettings settings;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    /**
     * @param wakeDispatcher called after a run was queued again, so that it starts without waiting
     *                       for the next poll
     */
    public LeaseSweeper(RunRepository runs, Transactions transactions, BuildEventPublisher events, BuildBackend backend,
                        SourceCheckout workspaces, LeaseSettings settings, Clock clock, Runnable wakeDispatcher) {
        this.runs = runs;
        this.transactions = transactions;
        this.events = events;
        this.backend = backend;
        this.workspaces = workspaces;
        this.settings = settings;
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    /** What the sweeper did with one lost run. */
    public record Recovery(UUID buildId, String lostExecutor, Outcome outcome, String reason) {
    }

    /** Whether a lost run ended or goes round again. */
    public enum Outcome {
        ERRORED, QUEUED_AGAIN
    }

    /** Takes every run whose lease has expired now, and says what became of each. */
    public List<Recovery> sweep() {
        List<Recovery> all = new ArrayList<>();
        while (true) {
            List<Recovery> batch = sweepBatch();
            all.addAll(batch);
            if (batch.size() < BATCH) {
                return all;
            }
        }
    }

    private List<Recovery> sweepBatch() {
        Instant now = clock.instant();
        List<Taken> taken = transactions.inTransaction(() -> {
            List<Taken> result = new ArrayList<>();
            for (LostRun lost : runs.lockLost(now.minus(settings.leaseTimeout()), BATCH)) {
                result.add(take(lost, now));
            }
            return result;
        });
        boolean queuedAgain = false;
        for (Taken t : taken) {
            Recovery recovery = t.recovery();
            switch (recovery.outcome()) {
                case ERRORED -> {
                    log.warn("build {} ({} #{}) errored: {}", recovery.buildId(), t.run().repositoryName(),
                            t.run().buildNumber(), recovery.reason());
                    destroy(recovery.buildId());
                }
                case QUEUED_AGAIN -> {
                    queuedAgain = true;
                    log.warn("build {} ({} #{}) queued again: {}", recovery.buildId(), t.run().repositoryName(),
                            t.run().buildNumber(), recovery.reason());
                }
            }
        }
        if (queuedAgain) {
            wakeDispatcher.run();
        }
        return taken.stream().map(Taken::recovery).toList();
    }

    /** Inside the transaction that holds the run's lock. */
    private Taken take(LostRun lost, Instant now) {
        Run run = lost.run();
        Lease lease = lost.lease();
        String lostReason = "executor lost: " + lease.executorId() + " stopped sending heartbeats at "
                + lease.heartbeatAt().truncatedTo(ChronoUnit.MILLIS);
        if (settings.retryLostBuilds() && lease.attempts() < MAX_ATTEMPTS) {
            destroy(run.buildId());
            runs.requeue(run.buildId());
            return new Taken(run, new Recovery(run.buildId(), lease.executorId(), Outcome.QUEUED_AGAIN,
                    lostReason + "; attempt " + (lease.attempts() + 1) + " of " + MAX_ATTEMPTS + " follows"));
        }
        String reason = settings.retryLostBuilds() ? lostReason + " (attempt " + lease.attempts() + " of "
                + MAX_ATTEMPTS + ")" : lostReason;
        runs.finish(run.buildId(), BuildStatus.ERRORED, reason, now);
        events.publish(new BuildFinished(run.buildId(), BuildStatus.ERRORED, reason, now), run);
        return new Taken(run, new Recovery(run.buildId(), lease.executorId(), Outcome.ERRORED, reason));
    }

    private void destroy(UUID buildId) {
        try {
            backend.destroy(buildId);
        } catch (RuntimeException e) {
            // The engine may be away, or the lost executor's engine another one: its own cleanup removes the rest.
            log.warn("build {}: could not remove what it left on the engine, labelled {}={}: {}", buildId,
                    BuildBackend.BUILD_LABEL, buildId, e.getMessage());
        }
        try {
            workspaces.removeWorkspaces(buildId);
        } catch (RuntimeException e) {
            log.warn("build {}: could not remove its workspace: {}", buildId, e.getMessage());
        }
    }

    private record Taken(Run run, Recovery recovery) {
    }
}
