package dev.slipway.execution.application;

import dev.slipway.execution.application.port.in.QueueBuild;
import dev.slipway.execution.application.port.in.QueueBuildCommand;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues requested builds as runs, with the plan each request carries. The run is the executor's
 * promise to build: once its row commits, a restart cannot lose it, so the dispatcher is only
 * woken after the commit. A build whose cancel arrived before its request is stored finished
 * {@code cancelled} at once and never starts.
 */
public final class QueueBuildService implements QueueBuild {

    private final RunRepository runs;
    private final Transactions transactions;
    private final BuildEventPublisher events;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public QueueBuildService(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                             Runnable wakeDispatcher, Clock clock) {
        this.runs = runs;
        this.transactions = transactions;
        this.events = events;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    @Override
    public boolean queue(QueueBuildCommand command) {
        BuildRequested request = command.request();
        Run run = Run.queued(request.buildId(), request.repositoryId(), request.repositoryName(),
                request.buildNumber(), request.cloneUrl(), request.commitSha(), request.ref(),
                command.correlationId(), command.requestEventId(), clock.instant());
        return transactions.inTransaction(() -> {
            boolean queued = runs.insertIfAbsent(run);
            if (!queued) {
                return false;
            }
            if (request.hasPlan()) {
                runs.recordPlan(run.buildId(), request.plan().toString());
            }
            Optional<String> cancelled = runs.cancelReason(run.buildId());
            if (cancelled.isPresent()) {
                Instant now = clock.instant();
                runs.finish(run.buildId(), BuildStatus.CANCELLED, cancelled.get(), now);
                events.publish(new BuildFinished(run.buildId(), BuildStatus.CANCELLED, cancelled.get(), now), run);
            } else {
                transactions.afterCommit(wakeDispatcher);
            }
            return true;
        });
    }
}
