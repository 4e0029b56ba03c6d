package dev.slipway.history.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the history learns when filtering requests a build: everything that identifies it.
 *
 * @param requestedAt when filtering requested it; the build's creation time, by which lists are ordered
 */
public record RequestedBuild(UUID id, String repositoryId, String repositoryName, long number, String commitSha,
                             GitRef ref, String event, String deliveryId, Instant requestedAt) {

    public RequestedBuild {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
