package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The run table in memory, with the same claiming and cancelling rules as the real one. */
final class InMemoryRunRepository implements RunRepository {

    record Outcome(BuildStatus status, String reason, String imageId) {
    }

    private final Map<UUID, Run> runs = new LinkedHashMap<>();
    private final Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<UUID, String> images = new LinkedHashMap<>();
    private final Map<UUID, Instant> heartbeats = new LinkedHashMap<>();
    private final Map<UUID, Integer> attempts = new LinkedHashMap<>();
    private final Map<UUID, String> plans = new LinkedHashMap<>();
    private final Map<UUID, String> cancels = new LinkedHashMap<>();

    @Override
    public synchronized boolean insertIfAbsent(Run run) {
        return runs.putIfAbsent(run.buildId(), run) == null;
    }

    @Override
    public synchronized Optional<Run> claimOldestQueued(String executorId, Instant now) {
        Optional<Run> oldest = runs.values().stream()
                .filter(r -> r.state() == RunState.QUEUED)
                .min(Comparator.comparing(Run::createdAt));
        return oldest.map(r -> {
            int attempt = attempts.merge(r.buildId(), 1, Integer::sum);
            Run claimed = with(r, RunState.RUNNING, executorId, attempt);
            runs.put(r.buildId(), claimed);
            heartbeats.put(r.buildId(), now);
            return claimed;
        });
    }

    @Override
    public synchronized Set<UUID> heartbeat(Collection<Run> held, Instant now) {
        Set<UUID> still = new HashSet<>();
        for (Run claim : held) {
            if (holds(claim)) {
                heartbeats.put(claim.buildId(), now);
                still.add(claim.buildId());
            }
        }
        return still;
    }

    @Override
    public synchronized boolean finishHeld(Run held, BuildStatus status, String reason, Instant now) {
        if (!holds(held)) {
            return false;
        }
        finish(held.buildId(), status, reason, now);
        return true;
    }

    /** Whether {@code claim} still holds its run: running, with the same executor and attempt. */
    private boolean holds(Run claim) {
        Run run = runs.get(claim.buildId());
        return run != null && run.state() == RunState.RUNNING && claim.executorId().equals(run.executorId())
                && claim.attempts() == run.attempts();
    }

    @Override
    public synchronized void recordImage(UUID buildId, String imageId) {
        images.put(buildId, imageId);
    }

    @Override
    public synchronized void finish(UUID buildId, BuildStatus status, String reason, Instant now) {
        Run run = runs.get(buildId);
        runs.put(buildId, with(run, RunState.FINISHED, run.executorId(), run.attempts()));
        outcomes.put(buildId, new Outcome(status, reason, images.get(buildId)));
    }

    /** Without locks: one sweeper at a time in these tests. */
    @Override
    public synchronized List<LostRun> lockLost(Instant heartbeatBefore, int max) {
        return runs.values().stream()
                .filter(r -> r.state() == RunState.RUNNING && heartbeats.get(r.buildId()).isBefore(heartbeatBefore))
                .sorted(Comparator.comparing(r -> heartbeats.get(r.buildId())))
                .limit(max)
                .map(r -> new LostRun(r, lease(r)))
                .toList();
    }

    @Override
    public synchronized void requeue(UUID buildId) {
        Run run = runs.get(buildId);
        if (run.state() == RunState.RUNNING) {
            runs.put(buildId, with(run, RunState.QUEUED, null, run.attempts()));
            heartbeats.remove(buildId);
        }
    }

    @Override
    public synchronized Map<UUID, Lease> leases(Collection<UUID> buildIds) {
        Map<UUID, Lease> leases = new LinkedHashMap<>();
        buildIds.stream().filter(runs::containsKey).forEach(id -> leases.put(id, lease(runs.get(id))));
        return leases;
    }

    /** Sets a running run's last heartbeat, as if its executor had last been heard of at {@code at}. */
    synchronized void heardOf(UUID buildId, Instant at) {
        heartbeats.put(buildId, at);
    }

    private Lease lease(Run r) {
        return new Lease(r.buildId(), r.state(), r.executorId(), heartbeats.get(r.buildId()),
                attempts.getOrDefault(r.buildId(), 0));
    }

    @Override
    public synchronized void recordPlan(UUID buildId, String planJson) {
        plans.put(buildId, planJson);
    }

    @Override
    public synchronized Optional<String> plan(UUID buildId) {
        return Optional.ofNullable(plans.get(buildId));
    }

    @Override
    public synchronized CancelRequest requestCancel(UUID buildId, String reason, Instant now) {
        cancels.putIfAbsent(buildId, reason);
        Run run = runs.get(buildId);
        if (run == null) {
            return new CancelRequest.NoRunYet();
        }
        return switch (run.state()) {
            case QUEUED -> {
                finish(buildId, BuildStatus.CANCELLED, cancels.get(buildId), now);
                yield new CancelRequest.CancelledWhileQueued(runs.get(buildId), cancels.get(buildId));
            }
            case RUNNING -> new CancelRequest.Running(run.executorId());
            case FINISHED -> new CancelRequest.AlreadyFinished();
        };
    }

    @Override
    public synchronized Optional<String> cancelReason(UUID buildId) {
        return Optional.ofNullable(cancels.get(buildId));
    }

    @Override
    public synchronized Map<UUID, String> cancelRequestsOfRunning(String executorId) {
        Map<UUID, String> requests = new LinkedHashMap<>();
        cancels.forEach((id, reason) -> {
            Run run = runs.get(id);
            if (run != null && run.state() == RunState.RUNNING && executorId.equals(run.executorId())) {
                requests.put(id, reason);
            }
        });
        return requests;
    }

    synchronized Optional<Outcome> outcome(UUID buildId) {
        return Optional.ofNullable(outcomes.get(buildId));
    }

    synchronized RunState state(UUID buildId) {
        return runs.get(buildId).state();
    }

    private static Run with(Run r, RunState state, String executorId, int attempts) {
        return new Run(r.buildId(), r.repositoryId(), r.repositoryName(), r.buildNumber(), r.cloneUrl(),
                r.commitSha(), r.ref(), state, executorId, r.correlationId(), r.requestEventId(), r.createdAt(),
                attempts);
    }
}
