package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.UUID;

/**
 * Filtering decided that an SCM event deserves a build.
 *
 * @param buildId        the build's id, assigned once with the decision
 * @param repositoryId   Slipway's id of the repository
 * @param repositoryName {@code owner/name}
 * @param buildNumber    the build's number within its repository, from 1 without gaps
 * @param cloneUrl       the registered clone URL
 * @param commitSha      the commit to build
 * @param ref            the full ref that was pushed
 * @param event          the kind of event that triggered it, such as {@code push}
 * @param deliveryId     the delivery that carried the triggering event
 */
public record BuildRequested(UUID buildId, String repositoryId, String repositoryName, long buildNumber,
                             String cloneUrl, String commitSha, String ref, String event, String deliveryId)
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
    }
}
