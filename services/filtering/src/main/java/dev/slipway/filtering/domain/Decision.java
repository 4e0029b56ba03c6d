package dev.slipway.filtering.domain;

import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What filtering decided about one delivery, and why. A delivery has at most one decision, which
 * is what makes a redelivery a no-op.
 *
 * @param repositoryId the repository the event concerns
 * @param deliveryId   the git host's delivery id
 * @param outcome      whether a build was requested, skipped, or the event could not be decided
 * @param buildId      the build requested, or {@code null} unless it builds
 * @param buildNumber  its number, or 0 unless it builds
 * @param event        the kind of event: {@code push}, {@code tag}, {@code release} or {@code pull_request}
 * @param ref          the full ref
 * @param commitSha    the commit decided on
 * @param record       the decision with its rule, reason and every step's match
 * @param problems     the pipeline file's lint problems, errors and warnings
 * @param decidedAt    when it was made
 * @param releaseTags  the tags the build's plan releases (the loop guard names a build by them); empty unless it builds
 */
public record Decision(String repositoryId, String deliveryId, Outcome outcome, UUID buildId, long buildNumber,
                       String event, String ref, String commitSha, DecisionRecord record, List<LintProblem> problems,
                       Instant decidedAt, List<String> releaseTags) {

    public Decision {
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(decidedAt, "decidedAt");
        problems = List.copyOf(problems);
        releaseTags = releaseTags == null ? List.of() : List.copyOf(releaseTags);
        if (outcome == Outcome.BUILD && (buildId == null || buildNumber < 1)) {
            throw new IllegalArgumentException("a decision to build needs a build id and number");
        }
        if (outcome != Outcome.of(record.verdict())) {
            throw new IllegalArgumentException(outcome + " does not agree with the verdict " + record.verdict());
        }
    }

    /** The decision in words. */
    public String reason() {
        return record.reason();
    }

    /** The rule that decided. */
    public String rule() {
        return record.rule();
    }

    /** The three ways a decision can go. */
    public enum Outcome {
        BUILD, SKIP, ERROR;

        /** The outcome of a verdict. */
        public static Outcome of(DecisionRecord.Verdict verdict) {
            return switch (verdict) {
                case RUN -> BUILD;
                case SKIP -> SKIP;
                case ERROR -> ERROR;
            };
        }
    }
}
