package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * A branch or tag was created, as GitHub's and Gitea's {@code create} event reports it. GitHub
 * also reports the same ref as a {@link PushReceived} with {@code created} set; the two are
 * separate deliveries, and a consumer that acts on both must expect each.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github} or {@code gitea}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param ref            the full ref, {@code refs/heads/<branch>} or {@code refs/tags/<tag>}
 * @param sha            the commit the ref points to, or {@code null} when the host does not say (GitHub)
 * @param sender         the login of the account that created it, or {@code null}
 */
public record RefCreated(String deliveryId, String provider, String repositoryId, String repositoryName,
                         String cloneUrl, String ref, String sha, String sender) implements ScmEvent {

    public RefCreated {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        Fields.text(ref, "ref");
    }

    /** The branch name, or {@code null} when a tag was created. */
    public String branch() {
        return Refs.branchOf(ref);
    }

    /** The tag name, or {@code null} when a branch was created. */
    public String tag() {
        return Refs.tagOf(ref);
    }
}
