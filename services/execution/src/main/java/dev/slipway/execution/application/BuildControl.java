package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.domain.BuildProgress;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle by which a running build is stopped from outside its own threads: by a cancel, or by
 * the executor stopping. It knows the build's containers that are running, and stops them all at
 * once, each on a thread of its own, so that a build with many containers still stops within
 * seconds, and whoever stops it (a Kafka listener) is not held up. It also has the backend abort
 * the build's image build or push in progress, which would otherwise run to its end. Thread-safe.
 */
final class BuildControl {

    /** How long a stopped container gets before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(BuildControl.class);

    private final UUID buildId;
    private final BuildBackend backend;
    private final BuildProgress progress;
    private final Set<ContainerHandle> running = ConcurrentHashMap.newKeySet();
    private volatile boolean leaseLost;

    BuildControl(UUID buildId, BuildBackend backend, BuildProgress progress) {
        this.buildId = buildId;
        this.backend = backend;
        this.progress = progress;
    }

    BuildProgress progress() {
        return progress;
    }

    /**
     * Cancels the build: no step starts any more, and every running container is stopped.
     *
     * @return whether this cancelled it; false when it had stopped or ended already
     */
    boolean cancel(String reason) {
        if (!progress.cancel(reason)) {
            return false;
        }
        log.info("build {}: cancelled ({}); stopping its {} running containers", buildId, reason, running.size());
        stopAll();
        return true;
    }

    /**
     * Stops the build because its lease was taken from this executor: another executor ended it or
     * runs it now. From now on nothing of the build is announced (see {@link #leaseLost()}).
     *
     * @return whether this stopped it; false when it had stopped or ended already
     */
    boolean loseLease() {
        leaseLost = true;
        return error("the executor lost its lease on the build");
    }

    /** Whether the build's lease was taken from this executor while it ran. */
    boolean leaseLost() {
        return leaseLost;
    }

    /** Stops the build because the platform failed it, with {@code reason}; see {@link #cancel}. */
    boolean error(String reason) {
        if (!progress.error(reason)) {
            return false;
        }
        stopAll();
        return true;
    }

    /**
     * Follows a container that has started; if the build stopped meanwhile, the container is
     * stopped at once, so that none outlives a cancel that raced with its start.
     */
    void started(ContainerHandle container) {
        running.add(container);
        if (progress.stopped().isPresent()) {
            stop(container);
        }
    }

    /** Forgets a container that has exited. */
    void exited(ContainerHandle container) {
        running.remove(container);
    }

    /** Aborts image work and stops every running container, each on a thread of its own; returns at once. */
    private void stopAll() {
        Thread.ofVirtual().name("abort-" + buildId).start(this::abortImageWork);
        for (ContainerHandle container : running) {
            Thread.ofVirtual().name("stop-" + container.name()).start(() -> stop(container));
        }
    }

    private void abortImageWork() {
        try {
            backend.abort(buildId);
        } catch (RuntimeException e) {
            // The image build or push then runs to its end, and the build stops after it.
            log.warn("build {}: could not abort its image build or push: {}", buildId, e.toString());
        }
    }

    private void stop(ContainerHandle container) {
        try {
            backend.stopStep(container, STOP_GRACE);
        } catch (BuildBackendException e) {
            // destroy removes it at the end of the build all the same.
            log.warn("build {}: could not stop container {} of {}: {}", buildId, container.containerId(),
                    container.name(), e.getMessage());
        }
    }
}
