package dev.slipway.history.domain;

import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One build as the history knows it so far. Its events travel on separate topics and may arrive
 * in any order, so until the {@code BuildRequested} has arrived the fields that only it carries
 * (repository name, commit, ref, branch, tag, event, delivery) are {@code null}.
 *
 * @param createdAt when the build was requested, or, until that is known, when the history first heard of it
 * @param reason    why it ended so, in words; {@code null} until it ended, empty for a plain success
 */
public record Build(UUID id, String repositoryId, String repositoryName, Long number, String commitSha,
                    String ref, String branch, String tag, String event, String deliveryId, BuildStatus status,
                    String reason, String executor, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public Build {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
