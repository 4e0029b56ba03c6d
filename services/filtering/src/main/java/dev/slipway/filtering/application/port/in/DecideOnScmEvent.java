package dev.slipway.filtering.application.port.in;

import dev.slipway.filtering.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.scm.ScmEvent;
import java.util.Optional;

/** Decides whether an SCM event deserves a build. */
public interface DecideOnScmEvent {

    /**
     * Decides about {@code event}, unless its delivery was decided before, in which case the
     * earlier decision stands and nothing is emitted again. Must run inside the transaction of the
     * consumed record, so that the decision and its announcement commit together.
     *
     * <p>Pushes of live branches and tags are decided with the pipeline file. A tag's creation and a
     * release published on the host are decided too, and always skipped: by the loop guard when the
     * tag is Slipway's own, otherwise because the tag's push is what builds. Every other SCM event (a
     * push that deleted its ref, a tag deleted, a ping) gets no decision: nothing is stored or
     * emitted, and the event is consumed rather than dead-lettered.
     *
     * @return the decision, new or earlier; empty when the event is not one that is decided on
     */
    Optional<Decision> decide(ScmEvent event, Envelope envelope);
}
