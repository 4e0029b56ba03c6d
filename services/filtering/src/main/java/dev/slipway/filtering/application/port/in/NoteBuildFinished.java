package dev.slipway.filtering.application.port.in;

import dev.slipway.model.build.BuildFinished;

/** Learns that a requested build ended, so that a newer push no longer cancels it. */
public interface NoteBuildFinished {

    /** Notes {@code finished}; noting it twice changes nothing. Runs inside the consumed record's transaction. */
    void finished(BuildFinished finished);
}
