package dev.slipway.history.application.port.in;

import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import java.time.Instant;

/**
 * Records the events of a build into the history.
 *
 * <p>The events of one build travel on three topics and may arrive in any order, and each may
 * arrive more than once. Every method therefore merges what it learns into what is already
 * known, so that the end state is the same whatever the order: a final status is never
 * replaced by {@code running} or {@code queued}, and a finished step is never reset to running.
 * Callers run each call inside their own transaction.
 */
public interface RecordBuildHistory {

    /** Filtering requested the build at {@code requestedAt} (the event's occurred-at). */
    void requested(BuildRequested event, Instant requestedAt);

    void started(BuildStarted event);

    void stepStarted(StepStarted event);

    void stepFinished(StepFinished event);

    void imageBuilt(ImageBuilt event);

    void imagePushed(ImagePushed event);

    void finished(BuildFinished event);

    void logged(LogChunk chunk);
}
