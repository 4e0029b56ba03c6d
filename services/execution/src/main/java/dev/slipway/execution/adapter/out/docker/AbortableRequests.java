package dev.slipway.execution.adapter.out.docker;

import dev.slipway.execution.application.port.out.BuildBackendException;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The engine requests of each build that {@link #abort} may end: its image builds and pushes, which
 * run as long as the engine works on them. Ending one closes it (a docker-java callback, or a
 * BuildKit build's context and answer), which aborts the HTTP request; the engine takes the closed
 * connection as the client gone, and stops the work (the builder kills what the instruction it
 * runs started, a push stops sending).
 *
 * <p>An abort holds for the rest of the build: a request that starts after it is ended at once, so
 * that a cancel that races with the start of an image build still stops it. {@link #forget} clears
 * the build when it is destroyed. Thread-safe: requests run on the build's threads, and the abort
 * comes from another.
 */
final class AbortableRequests {

    private final ConcurrentMap<UUID, Set<Closeable>> running = new ConcurrentHashMap<>();
    private final Set<UUID> aborted = ConcurrentHashMap.newKeySet();

    /**
     * Follows {@code request} of build {@code buildId} until the returned registration is closed;
     * ends it at once when the build was aborted already.
     */
    Registration follow(UUID buildId, Closeable request) {
        running.computeIfAbsent(buildId, id -> ConcurrentHashMap.newKeySet()).add(request);
        // After the add: an abort either sees the request, or has marked the build before this check.
        if (aborted.contains(buildId)) {
            closeQuietly(request);
        }
        return () -> {
            running.computeIfPresent(buildId, (id, requests) -> {
                requests.remove(request);
                return requests.isEmpty() ? null : requests;
            });
        };
    }

    /** Refuses a request of {@code buildId} before it is sent, when the build was aborted. */
    void refuseIfAborted(UUID buildId, String doing) {
        if (aborted.contains(buildId)) {
            throw aborted(buildId, doing);
        }
    }

    /** Ends every request of {@code buildId} in progress, and every one that starts later. */
    void abort(UUID buildId) {
        aborted.add(buildId);
        Set<Closeable> requests = running.get(buildId);
        if (requests != null) {
            requests.forEach(AbortableRequests::closeQuietly);
        }
    }

    /** Forgets build {@code buildId}, once it is destroyed. */
    void forget(UUID buildId) {
        aborted.remove(buildId);
        running.remove(buildId);
    }

    /**
     * The fault of an image build whose request to the engine at {@code host} failed: the abort's
     * when build {@code buildId} was aborted (that is what closed the request), else the engine's.
     */
    BuildBackendException brokenOffBuild(UUID buildId, URI host, Exception failure) {
        refuseIfAborted(buildId, "its image was being built");
        return new BuildBackendException("the engine at " + host + " broke off the build: "
                + EngineFaults.rootMessage(failure), failure);
    }

    /** The fault that an aborted request ends in. */
    static BuildBackendException aborted(UUID buildId, String doing) {
        return new BuildBackendException("build " + buildId + " was stopped while " + doing);
    }

    /** A followed request; closing it stops following it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static void closeQuietly(Closeable request) {
        try {
            request.close();
        } catch (IOException | RuntimeException e) {
            // The request ends either way: its connection is aborted before anything can fail.
        }
    }
}
