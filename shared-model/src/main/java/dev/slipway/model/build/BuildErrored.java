package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.List;

/**
 * Filtering could not decide about an SCM event: the pipeline file is broken, or the commit could
 * not be read. Nothing builds; the problems say what to fix.
 *
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}
 * @param deliveryId     the delivery that carried the event
 * @param event          the kind of event: {@code push} or {@code tag}
 * @param ref            the full ref
 * @param commitSha      the commit the event was about
 * @param decision       the decision, whose verdict is {@code error} and whose reason names the first problem
 * @param problems       every lint problem of the pipeline file, errors and warnings, in file order;
 *                       empty when the file could not be read at all
 */
public record BuildErrored(String repositoryId, String repositoryName, String deliveryId, String event, String ref,
                           String commitSha, DecisionRecord decision, List<LintProblem> problems)
        implements BuildTriggerEvent {

    public BuildErrored {
        Fields.text(repositoryId, "repositoryId");
        Fields.text(repositoryName, "repositoryName");
        Fields.text(deliveryId, "deliveryId");
        Fields.text(event, "event");
        Fields.text(ref, "ref");
        Fields.text(commitSha, "commitSha");
        Fields.required(decision, "decision");
        if (decision.verdict() != DecisionRecord.Verdict.ERROR) {
            throw new IllegalArgumentException("an errored decision must be error, was "
                    + decision.verdict().wireName());
        }
        problems = Fields.listOrEmpty(problems);
    }
}
