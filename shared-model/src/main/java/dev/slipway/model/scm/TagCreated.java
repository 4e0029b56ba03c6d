package dev.slipway.model.scm;

/**
 * A tag was created, as GitHub's and Gitea's {@code create} event reports it. The host also
 * reports the tag as a {@link PushReceived} with {@code created} set; the two are separate
 * deliveries, and a consumer that acts on both must expect each. A branch's {@code create} is not
 * an event: its push says the same.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github} or {@code gitea}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param tag            the tag's name, such as {@code v1.4.0}
 * @param ref            the tag's full ref, {@code refs/tags/<tag>}
 * @param sha            the commit the tag points to, or {@code null} when the host does not say (GitHub)
 * @param sender         the login of the account that created it, or {@code null}
 */
public record TagCreated(String deliveryId, String provider, String repositoryId, String repositoryName,
                         String cloneUrl, String tag, String ref, String sha, String sender) implements ScmEvent {

    public TagCreated {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        ScmOrigin.requireTag(tag, ref);
    }
}
