package dev.slipway.model.release;

import dev.slipway.model.Fields;
import java.util.UUID;

/**
 * The releases service is about to create tag {@code tag} as the release of a build. It publishes
 * this before it calls the git host's API, so that the tag's own webhooks, whenever they arrive,
 * find the tag already claimed (filtering's loop guard).
 *
 * @param repositoryId Slipway's id of the repository, {@code provider:owner/name}
 * @param tag          the tag the release creates, such as {@code v1.41}
 * @param buildId      the build whose release step it is
 * @param buildNumber  that build's number in its repository
 * @param commitSha    the commit the tag will point to
 * @param marker       the marker the release notes carry, {@link ReleaseMarker#of(UUID)} of the build
 */
public record ReleaseIntended(String repositoryId, String tag, UUID buildId, long buildNumber, String commitSha,
                              String marker) implements ReleaseEvent {

    public ReleaseIntended {
        Fields.text(repositoryId, "repositoryId");
        Fields.text(tag, "tag");
        Fields.required(buildId, "buildId");
        if (buildNumber < 1) {
            throw new IllegalArgumentException("buildNumber must be 1 or more, was " + buildNumber);
        }
        Fields.text(commitSha, "commitSha");
        marker = marker == null || marker.isBlank() ? ReleaseMarker.of(buildId) : marker;
    }
}
