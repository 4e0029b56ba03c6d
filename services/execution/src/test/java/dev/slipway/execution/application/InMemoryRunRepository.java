package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The run table in memory, with the same claiming rules as the real one. */
final class InMemoryRunRepository implements RunRepository {

    record Outcome(BuildStatus status, String reason, String imageId) {
    }

    private final Map<UUID, Run> runs = new LinkedHashMap<>();
    private final Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<UUID, String> images = new LinkedHashMap<>();

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
            Run claimed = with(r, RunState.RUNNING, executorId);
            runs.put(r.buildId(), claimed);
            return claimed;
        });
    }

    @Override
    public synchronized void heartbeat(Collection<UUID> buildIds, String executorId, Instant now) {
    }

    @Override
    public synchronized void recordImage(UUID buildId, String imageId) {
        images.put(buildId, imageId);
    }

    @Override
    public synchronized void finish(UUID buildId, BuildStatus status, String reason, Instant now) {
        Run run = runs.get(buildId);
        runs.put(buildId, with(run, RunState.FINISHED, run.executorId()));
        outcomes.put(buildId, new Outcome(status, reason, images.get(buildId)));
    }

    synchronized Optional<Outcome> outcome(UUID buildId) {
        return Optional.ofNullable(outcomes.get(buildId));
    }

    synchronized RunState state(UUID buildId) {
        return runs.get(buildId).state();
    }

    private static Run with(Run r, RunState state, String executorId) {
        return new Run(r.buildId(), r.repositoryId(), r.repositoryName(), r.buildNumber(), r.cloneUrl(),
                r.commitSha(), r.ref(), state, executorId, r.correlationId(), r.requestEventId(), r.createdAt());
    }
}
