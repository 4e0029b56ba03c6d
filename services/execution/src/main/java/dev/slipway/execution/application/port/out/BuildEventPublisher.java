package dev.slipway.execution.application.port.out;

import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.LogChunk;

/**
 * Announces what happens to a run, on {@code slipway.build.events} and {@code slipway.build.logs}.
 * Must be called inside a transaction (see {@link Transactions}): an event is recorded together
 * with the run's change that it announces and is published after the commit, at least once, in
 * order per build.
 */
public interface BuildEventPublisher {

    /** Announces {@code event} of {@code run}, correlated with the request that queued it. */
    void publish(BuildEvent event, Run run);

    /** Publishes a chunk of {@code run}'s output. */
    void publish(LogChunk chunk, Run run);
}
