package dev.slipway.filtering.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What filtering decided about one delivery, and why. A delivery has at most one decision, which
 * is what makes a redelivery a no-op.
 *
 * @param repositoryId the repository the event concerns
 * @param deliveryId   the git host's delivery id
 * @param outcome      whether a build was requested
 * @param buildId      the build requested, or {@code null} when skipped
 * @param buildNumber  its number, or 0 when skipped
 * @param reason       the decision in words
 * @param decidedAt    when it was made
 */
public record Decision(String repositoryId, String deliveryId, Outcome outcome, UUID buildId, long buildNumber,
                       String reason, Instant decidedAt) {

    public Decision {
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (outcome == Outcome.BUILD && (buildId == null || buildNumber < 1)) {
            throw new IllegalArgumentException("a decision to build needs a build id and number");
        }
    }

    /** The two ways a decision can go. */
    public enum Outcome { BUILD, SKIP }
}
