package dev.slipway.history.domain;

import dev.slipway.model.build.DecisionRecord.StepDecision;
import dev.slipway.model.build.DecisionRecord.Verdict;
import dev.slipway.model.build.LintProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What filtering decided about one delivery, as the history shows it: the event it was about, the
 * verdict, the rule that decided and why, each step's match, and what came of it.
 *
 * @param id             the decision's id: {@link #idOf} its repository and delivery, since filtering
 *                       decides once per delivery
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}
 * @param deliveryId     the git host's delivery that carried the event
 * @param event          the kind of event, such as {@code push} or {@code tag}
 * @param ref            the full ref
 * @param commitSha      the commit the event was about
 * @param verdict        run, skip or error
 * @param rule           the rule that decided, such as {@code skip.messages}
 * @param reason         the decision in one sentence, starting with "runs:", "skipped:" or "errored:"
 * @param steps          every step with whether it matched and why not; empty when decided before the steps
 * @param problems       the pipeline file's lint problems when the verdict is error; otherwise empty
 * @param buildId        the build it requested, or {@code null} unless the verdict is run
 * @param buildNumber    that build's number, or {@code null} unless the verdict is run
 * @param decidedAt      when filtering decided (the event's occurred-at)
 */
public record Decision(UUID id, String repositoryId, String repositoryName, String deliveryId, String event,
                       GitRef ref, String commitSha, Verdict verdict, String rule, String reason,
                       List<StepDecision> steps, List<LintProblem> problems, UUID buildId, Long buildNumber,
                       Instant decidedAt) {

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedAt, "decidedAt");
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        if ((verdict == Verdict.RUN) != (buildId != null && buildNumber != null)) {
            throw new IllegalArgumentException("a decision has a build exactly when its verdict is run");
        }
    }

    /**
     * The id of the decision about {@code deliveryId} in {@code repositoryId}. It is derived rather
     * than random so that the same decision, however often its event arrives, is one row.
     */
    public static UUID idOf(String repositoryId, String deliveryId) {
        // The length prefix keeps the pair unambiguous whatever characters either part holds.
        String pair = repositoryId.length() + ":" + repositoryId + deliveryId;
        return UUID.nameUUIDFromBytes(pair.getBytes(StandardCharsets.UTF_8));
    }
}
