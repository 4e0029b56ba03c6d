package dev.slipway.filtering.application.port.in;

import dev.slipway.filtering.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.scm.ScmEvent;

/** Decides whether an SCM event deserves a build. */
public interface DecideOnScmEvent {

    /**
     * Decides about {@code event}, unless its delivery was decided before, in which case the
     * earlier decision stands and nothing is emitted again. Must run inside the transaction of the
     * consumed record, so that the decision and its announcement commit together.
     *
     * @return the decision, new or earlier
     */
    Decision decide(ScmEvent event, Envelope envelope);
}
