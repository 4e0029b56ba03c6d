package dev.slipway.execution.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A build as the executor holds it: what to build, and where the build stands.
 *
 * @param buildId        the build's id, assigned by filtering
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}, which names the build's image
 * @param buildNumber    the build's number within its repository
 * @param cloneUrl       where to clone the repository from
 * @param commitSha      the commit to build
 * @param ref            the full ref that was pushed
 * @param state          where the run stands
 * @param executorId     the executor that claimed the run; {@code null} while it is queued, and for a
 *                       run that was cancelled before any executor claimed it
 * @param correlationId  the correlation id of the request, carried on to every event of the build
 * @param requestEventId the event id of the {@code BuildRequested}, the cause of the build's events
 * @param createdAt      when the run was queued
 * @param attempts       how often the run was claimed, this claim included: with the executor, it
 *                       names who holds a running run, so that an executor whose run was taken
 *                       from it and claimed again, even by itself, no longer counts as its holder
 */
public record Run(UUID buildId, String repositoryId, String repositoryName, long buildNumber, String cloneUrl,
                  String commitSha, String ref, RunState state, String executorId, String correlationId,
                  UUID requestEventId, Instant createdAt, int attempts) {

    public Run {
        Objects.requireNonNull(buildId, "buildId");
        requireText(repositoryId, "repositoryId");
        requireText(repositoryName, "repositoryName");
        if (buildNumber < 1) {
            throw new IllegalArgumentException("buildNumber must be 1 or more, was " + buildNumber);
        }
        requireText(cloneUrl, "cloneUrl");
        requireText(commitSha, "commitSha");
        requireText(ref, "ref");
        Objects.requireNonNull(state, "state");
        if (state == RunState.RUNNING) {
            requireText(executorId, "executorId (a running run has an executor)");
        }
        requireText(correlationId, "correlationId");
        Objects.requireNonNull(requestEventId, "requestEventId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0 || (state == RunState.RUNNING && attempts < 1)) {
            throw new IllegalArgumentException("a running run has been claimed at least once, not " + attempts
                    + " times");
        }
    }

    /** A run that waits for an executor. */
    public static Run queued(UUID buildId, String repositoryId, String repositoryName, long buildNumber,
                             String cloneUrl, String commitSha, String ref, String correlationId,
                             UUID requestEventId, Instant createdAt) {
        return new Run(buildId, repositoryId, repositoryName, buildNumber, cloneUrl, commitSha, ref,
                RunState.QUEUED, null, correlationId, requestEventId, createdAt, 0);
    }

    /** The event id of the request, as the causation id of the build's events. */
    public String causationId() {
        return requestEventId.toString();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a run needs " + name);
        }
    }
}
