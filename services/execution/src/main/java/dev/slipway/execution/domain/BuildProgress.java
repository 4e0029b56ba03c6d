package dev.slipway.execution.domain;

import dev.slipway.model.build.BuildStatus;
import dev.slipway.pipeline.model.StepStatus;
import java.util.List;
import java.util.Optional;

/**
 * Where a running build stands, as its steps see it: whether anything failed so far (which
 * decides the steps that run {@code on: success} or {@code on: failure}), and whether it was
 * stopped, by a cancel, by an error of the platform or by running out of time. Once stopped, no
 * further step starts; the first reason to stop is the one the build ends with. Shared by the
 * build's lanes and by whoever cancels it, so thread-safe.
 */
public final class BuildProgress {

    private String firstFailure;
    private BuildVerdict stop;
    private BuildVerdict verdict;

    /** {@link StepStatus#FAILURE} once a step failed, else {@link StepStatus#SUCCESS}. */
    public synchronized StepStatus state() {
        return firstFailure == null ? StepStatus.SUCCESS : StepStatus.FAILURE;
    }

    /** Whether a step that runs in the states {@code runsOn} starts now. */
    public synchronized boolean mayStart(List<StepStatus> runsOn) {
        return stop == null && verdict == null && runsOn.contains(state());
    }

    /** Records a failed step; the build goes on with the steps that run on failure. */
    public synchronized void stepFailed(String reason) {
        if (firstFailure == null) {
            firstFailure = reason;
        }
    }

    /**
     * Stops the build because it was cancelled.
     *
     * @return whether this stopped it; false when it had stopped or ended already
     */
    public synchronized boolean cancel(String reason) {
        return stopWith(BuildVerdict.cancelled(reason));
    }

    /** Stops the build because the platform failed it; see {@link #cancel}. */
    public synchronized boolean error(String reason) {
        return stopWith(BuildVerdict.errored(reason));
    }

    /** Stops the build because its own time limit passed, which fails it; see {@link #cancel}. */
    public synchronized boolean timeOut(String reason) {
        return stopWith(BuildVerdict.failed(reason));
    }

    /** Why the build stopped, if it did. */
    public synchronized Optional<BuildVerdict> stopped() {
        return Optional.ofNullable(stop);
    }

    /** Whether it stopped because it was cancelled. */
    public synchronized boolean isCancelled() {
        return stop != null && stop.status() == BuildStatus.CANCELLED;
    }

    /**
     * Ends the build and gives its verdict: the reason it stopped, else its first failure, else
     * success. A cancel that arrives after this changes nothing.
     */
    public synchronized BuildVerdict finish() {
        if (verdict == null) {
            verdict = stop != null ? stop
                    : firstFailure != null ? BuildVerdict.failed(firstFailure) : BuildVerdict.succeeded();
        }
        return verdict;
    }

    private boolean stopWith(BuildVerdict reason) {
        if (stop != null || verdict != null) {
            return false;
        }
        stop = reason;
        return true;
    }
}
