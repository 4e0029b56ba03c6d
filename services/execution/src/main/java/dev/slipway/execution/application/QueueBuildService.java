package dev.slipway.execution.application;

import dev.slipway.execution.application.port.in.QueueBuild;
import dev.slipway.execution.application.port.in.QueueBuildCommand;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildRequested;
import java.time.Clock;

/**
 * Queues requested builds as runs. The run is the executor's promise to build: once its row
 * commits, a restart cannot lose it, so the dispatcher is only woken after the commit.
 */
public final class QueueBuildService implements QueueBuild {

    private final RunRepository runs;
    private final Transactions transactions;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    public QueueBuildService(RunRepository runs, Transactions transactions, Runnable wakeDispatcher, Clock clock) {
        this.runs = runs;
        this.transactions = transactions;
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
            if (queued) {
                transactions.afterCommit(wakeDispatcher);
            }
            return queued;
        });
    }
}
