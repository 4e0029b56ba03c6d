package dev.slipway.execution.application;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery from lost executors, on a thread of its own so that it never waits for a build: when
 * the executor starts, {@link LeftoverCleanup} removes what earlier lives left on the engine
 * (tried again at every tick until the engine answered once), and every
 * {@link LeaseSettings#sweepInterval()} the {@link LeaseSweeper} ends the builds of executors
 * that stopped sending heartbeats.
 */
public final class LostBuildRecovery {

    private static final Logger log = LoggerFactory.getLogger(LostBuildRecovery.class);

    private final LeaseSweeper sweeper;
    private final LeftoverCleanup cleanup;
    private final LeaseSettings settings;
    private volatile boolean cleanedUp;
    private boolean cleanupFailureLogged;
    private ScheduledExecutorService timer;

    public LostBuildRecovery(LeaseSweeper sweeper, LeftoverCleanup cleanup, LeaseSettings settings) {
        this.sweeper = sweeper;
        this.cleanup = cleanup;
        this.settings = settings;
    }

    /** Cleans up and sweeps at once, then sweeps every sweep interval. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("execution-lease-sweeper").daemon().unstarted(task));
        timer.scheduleWithFixedDelay(this::tick, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sweeping; a sweep in progress finishes its transaction first. */
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the lease sweeper did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
    }

    /** Whether the cleanup at start has run to its end. */
    public boolean cleanedUp() {
        return cleanedUp;
    }

    private void tick() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            log.warn("could not look for builds of lost executors; trying again in {}: {}", settings.sweepInterval(),
                    e.toString());
        }
        if (!cleanedUp) {
            cleanUpOnce();
        }
    }

    private void cleanUpOnce() {
        try {
            cleanup.cleanUp();
            cleanedUp = true;
        } catch (RuntimeException e) {
            // Until the engine answers; logged once, since a missing engine is already reported by the dispatcher.
            if (!cleanupFailureLogged) {
                cleanupFailureLogged = true;
                log.warn("could not remove what earlier builds left on the engine; trying again every {}: {}",
                        settings.sweepInterval(), e.toString());
            }
        }
    }
}
