package dev.slipway.history.application.port.in;

import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import java.time.Instant;

/**
 * Records filtering's decisions into the history, one per delivery.
 *
 * <p>A trigger may arrive more than once, and before or after the events of the build it
 * requested. The first decision recorded for a delivery stands: a later trigger for the same
 * repository and delivery changes nothing, as filtering itself never decides a delivery twice.
 * Callers run each call inside their own transaction.
 */
public interface RecordDecisions {

    /** Filtering decided at {@code decidedAt} (the event's occurred-at) to build. */
    void requested(BuildRequested event, Instant decidedAt);

    /** Filtering decided at {@code decidedAt} to build nothing. */
    void skipped(BuildSkipped event, Instant decidedAt);

    /** Filtering could not decide, at {@code decidedAt}, because the pipeline file is broken or unreadable. */
    void errored(BuildErrored event, Instant decidedAt);
}
