package dev.slipway.filtering.application.port.in;

import dev.slipway.model.release.ReleaseIntended;

/** Remembers the tags that Slipway's releases are about to create, for the loop guard. */
public interface RecordIntendedRelease {

    /**
     * Remembers {@code intended}; the same release recorded twice is remembered once. Must run
     * inside the transaction of the consumed record.
     */
    void recordIntended(ReleaseIntended intended);
}
