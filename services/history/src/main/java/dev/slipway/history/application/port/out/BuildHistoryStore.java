package dev.slipway.history.application.port.out;

import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.BuiltImage;
import dev.slipway.history.domain.FinishedBuild;
import dev.slipway.history.domain.FinishedStep;
import dev.slipway.history.domain.PushedImage;
import dev.slipway.history.domain.RequestedBuild;
import dev.slipway.history.domain.StartedBuild;
import dev.slipway.history.domain.StartedStep;
import java.util.UUID;

/**
 * Where the history keeps what it learns about builds.
 *
 * <p>Contract: every method is an upsert that merges into what is stored, and any order of calls
 * (and any repetition) ends in the same state as the natural order would:
 * <ul>
 *   <li>a build's status only moves forward: {@code queued} &lt; {@code running} &lt; any final
 *       status; a final status is replaced only by another final status;</li>
 *   <li>a build's creation time is the time it was requested once that is known, and until then
 *       the time of the first thing heard about it;</li>
 *   <li>a finished step keeps its outcome when its start arrives later;</li>
 *   <li>a log chunk, once stored, never changes;</li>
 *   <li>a push is one push per build, step, destination and digest: recording it again changes
 *       nothing.</li>
 * </ul>
 * Calls join the caller's transaction.
 */
public interface BuildHistoryStore {

    void recordRequested(RequestedBuild build);

    void recordStarted(StartedBuild build);

    void recordFinished(FinishedBuild build);

    void recordStepStarted(StartedStep step);

    void recordStepFinished(FinishedStep step);

    void recordImage(UUID buildId, BuiltImage image);

    void recordPush(UUID buildId, PushedImage push);

    void recordLogChunk(BuildLogChunk chunk);
}
