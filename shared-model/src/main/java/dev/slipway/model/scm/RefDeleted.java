package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * A branch or tag was deleted, as GitHub's and Gitea's {@code delete} event reports it. GitHub
 * also reports the deletion as a {@link PushReceived} with {@code deleted} set; GitLab only that way.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github} or {@code gitea}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param ref            the full ref, {@code refs/heads/<branch>} or {@code refs/tags/<tag>}
 * @param sha            the commit the ref pointed to, or {@code null} when the host does not say
 * @param sender         the login of the account that deleted it, or {@code null}
 */
public record RefDeleted(String deliveryId, String provider, String repositoryId, String repositoryName,
                         String cloneUrl, String ref, String sha, String sender) implements ScmEvent {

    public RefDeleted {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        Fields.text(ref, "ref");
    }

    /** The branch name, or {@code null} when a tag was deleted. */
    public String branch() {
        return Refs.branchOf(ref);
    }

    /** The tag name, or {@code null} when a branch was deleted. */
    public String tag() {
        return Refs.tagOf(ref);
    }
}
