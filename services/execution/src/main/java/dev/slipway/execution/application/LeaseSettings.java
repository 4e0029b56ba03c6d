package dev.slipway.execution.application;

import java.time.Duration;

/**
 * How executors watch each other's leases.
 *
 * @param leaseTimeout    how old a running run's heartbeat may get before its executor is taken
 *                        for lost
 * @param retryLostBuilds whether a lost build is queued again once, instead of ending
 *                        {@code errored}
 */
public record LeaseSettings(Duration leaseTimeout, boolean retryLostBuilds) {

    public LeaseSettings {
        if (leaseTimeout == null || leaseTimeout.isNegative() || leaseTimeout.isZero()) {
            throw new IllegalArgumentException("slipway.execution.lease-timeout must be positive, was " + leaseTimeout);
        }
    }

    /** How often the sweeper looks for expired leases: a third of the lease timeout. */
    public Duration sweepInterval() {
        return leaseTimeout.dividedBy(3);
    }

    /**
     * Checks that an executor whose dispatcher heartbeats every {@code heartbeatInterval}, looking
     * no more often than every {@code pollInterval}, never lets its own leases expire while it is
     * alive.
     *
     * @throws IllegalArgumentException when the lease timeout leaves no room for a late heartbeat
     */
    public LeaseSettings requireRoomFor(Duration heartbeatInterval, Duration pollInterval) {
        Duration longestSilence = heartbeatInterval.plus(pollInterval);
        if (leaseTimeout.compareTo(longestSilence.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("slipway.execution.lease-timeout (" + leaseTimeout + ") must be at "
                    + "least twice heartbeat-interval plus engine-poll-interval (" + longestSilence + "), so that "
                    + "one late heartbeat does not make a live executor look lost");
        }
        return this;
    }
}
