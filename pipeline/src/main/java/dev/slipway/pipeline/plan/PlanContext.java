package dev.slipway.pipeline.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * What a plan needs that neither the file nor the event knows: injected, so that the same input
 * always compiles to the same plan.
 *
 * @param buildId     the build's id
 * @param buildNumber the build's number in its repository, from 1
 * @param timestamp   when the build was requested
 * @param repoOwner   the repository's owner
 * @param repoName    the repository's name
 */
public record PlanContext(String buildId, long buildNumber, Instant timestamp, String repoOwner, String repoName) {
    public PlanContext {
        Objects.requireNonNull(buildId, "buildId");
        if (buildId.isBlank()) {
            throw new IllegalArgumentException("a build id cannot be blank");
        }
        if (buildNumber < 1) {
            throw new IllegalArgumentException("build numbers count from 1, got " + buildNumber);
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(repoOwner, "repoOwner");
        Objects.requireNonNull(repoName, "repoName");
    }
}
