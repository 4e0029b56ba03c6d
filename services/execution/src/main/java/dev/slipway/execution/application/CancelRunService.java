package dev.slipway.execution.application;

import dev.slipway.execution.application.port.in.CancelRun;
import dev.slipway.execution.application.port.in.CancelRunCommand;
import dev.slipway.execution.application.port.in.CancelRunOutcome;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import java.time.Clock;
import java.time.Instant;

/**
 * Cancels builds. The request is stored first, so that it holds whichever executor runs the build
 * and whenever its request arrives. A queued build ends {@code cancelled} in the same transaction,
 * with its {@code BuildFinished}; a build this executor runs is stopped at once, after the commit;
 * a build another executor runs is stopped by that executor, which looks for cancels of its runs
 * every time its dispatcher looks at the table.
 */
public final class CancelRunService implements CancelRun {

    private final RunRepository runs;
    private final Transactions transactions;
    private final BuildEventPublisher events;
    private final BuildRunner runner;
    private final Clock clock;

    public CancelRunService(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                            BuildRunner runner, Clock clock) {
        this.runs = runs;
        this.transactions = transactions;
        this.events = events;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public CancelRunOutcome cancel(CancelRunCommand command) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            return switch (runs.requestCancel(command.buildId(), command.reason(), now)) {
                case RunRepository.CancelRequest.CancelledWhileQueued queued -> {
                    events.publish(new BuildFinished(command.buildId(), BuildStatus.CANCELLED, queued.reason(), now),
                            queued.run());
                    yield CancelRunOutcome.CANCELLED_QUEUED;
                }
                case RunRepository.CancelRequest.Running running -> {
                    transactions.afterCommit(() -> runner.cancel(command.buildId(), command.reason()));
                    yield CancelRunOutcome.STOPPING;
                }
                case RunRepository.CancelRequest.AlreadyFinished finished -> CancelRunOutcome.ALREADY_FINISHED;
                case RunRepository.CancelRequest.NoRunYet none -> CancelRunOutcome.NOT_YET_REQUESTED;
            };
        });
    }
}
