package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Filtering decided that an SCM event deserves a build.
 *
 * <p>{@code decision} and {@code plan} were added to version 1 after it was first published. An
 * event written without them still decodes: its decision is {@link DecisionRecord#unrecorded()}
 * and it has no plan.
 *
 * @param buildId        the build's id, assigned once with the decision
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}
 * @param buildNumber    the build's number within its repository, from 1 without gaps
 * @param cloneUrl       the registered clone URL
 * @param commitSha      the commit to build
 * @param ref            the full ref that was pushed
 * @param event          the kind of event that triggered it: {@code push} or {@code tag}
 * @param deliveryId     the delivery that carried the triggering event
 * @param decision       why it builds: the rule and every step's match; never null once constructed
 * @param plan           the compiled build plan, as the JSON tree that the pipeline library's
 *                       {@code PlanJson.plan} writes (snake_case keys); JSON null when there is none
 */
public record BuildRequested(UUID buildId, String repositoryId, String repositoryName, long buildNumber,
                             String cloneUrl, String commitSha, String ref, String event, String deliveryId,
                             DecisionRecord decision, JsonNode plan)
        implements BuildTriggerEvent {

    public BuildRequested {
        Fields.required(buildId, "buildId");
        Fields.text(repositoryId, "repositoryId");
        Fields.text(repositoryName, "repositoryName");
        if (buildNumber < 1) {
            throw new IllegalArgumentException("buildNumber must be 1 or more, was " + buildNumber);
        }
        Fields.text(cloneUrl, "cloneUrl");
        Fields.text(commitSha, "commitSha");
        Fields.text(ref, "ref");
        Fields.text(event, "event");
        Fields.text(deliveryId, "deliveryId");
        decision = decision != null ? decision : DecisionRecord.unrecorded();
        if (decision.verdict() != DecisionRecord.Verdict.RUN) {
            throw new IllegalArgumentException("a requested build's decision must be run, was "
                    + decision.verdict().wireName());
        }
        plan = plan != null ? plan : NullNode.getInstance();
    }

    /** A request in the shape version 1 was first published with: no recorded decision, no plan. */
    public BuildRequested(UUID buildId, String repositoryId, String repositoryName, long buildNumber,
                          String cloneUrl, String commitSha, String ref, String event, String deliveryId) {
        this(buildId, repositoryId, repositoryName, buildNumber, cloneUrl, commitSha, ref, event, deliveryId, null,
                null);
    }

    /** Whether the request carries a compiled plan. */
    public boolean hasPlan() {
        return plan.isObject();
    }
}
