package dev.slipway.model.scm;

/**
 * A tag was deleted, as GitHub's and Gitea's {@code delete} event reports it. The host also
 * reports the deletion as a {@link PushReceived} with {@code deleted} set, and GitLab only that
 * way. A branch's {@code delete} is not an event: its push says the same.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github} or {@code gitea}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param tag            the tag's name, such as {@code v1.4.0}
 * @param ref            the tag's full ref, {@code refs/tags/<tag>}
 * @param sha            the commit the tag pointed to, or {@code null} when the host does not say (neither does today)
 * @param sender         the login of the account that deleted it, or {@code null}
 */
public record TagDeleted(String deliveryId, String provider, String repositoryId, String repositoryName,
                         String cloneUrl, String tag, String ref, String sha, String sender) implements ScmEvent {

    public TagDeleted {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        ScmOrigin.requireTag(tag, ref);
    }
}
