package dev.slipway.model.build;

import dev.slipway.model.Fields;

/**
 * Filtering decided that an SCM event builds nothing, and says why.
 *
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}
 * @param deliveryId     the delivery that carried the event
 * @param event          the kind of event: {@code push} or {@code tag}
 * @param ref            the full ref
 * @param commitSha      the commit the event was about
 * @param decision       the decision, with the rule that skipped it and every step's reason
 */
public record BuildSkipped(String repositoryId, String repositoryName, String deliveryId, String event, String ref,
                           String commitSha, DecisionRecord decision) implements BuildTriggerEvent {

    public BuildSkipped {
        Fields.text(repositoryId, "repositoryId");
        Fields.text(repositoryName, "repositoryName");
        Fields.text(deliveryId, "deliveryId");
        Fields.text(event, "event");
        Fields.text(ref, "ref");
        Fields.text(commitSha, "commitSha");
        Fields.required(decision, "decision");
        if (decision.verdict() != DecisionRecord.Verdict.SKIP) {
            throw new IllegalArgumentException("a skipped build's decision must be skip, was "
                    + decision.verdict().wireName());
        }
    }
}
