package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * A release on the git host was created, published, edited or deleted: GitHub's and Gitea's
 * {@code release} event, GitLab's {@code Release Hook}. Slipway's own releases come back this way
 * too, which is why the body is kept whole: it carries the marker that tells them apart.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}, {@code gitea} or {@code gitlab}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param action         the host's word for what happened, as sent: GitHub {@code created}, {@code published},
 *                       {@code released}, {@code prereleased}, {@code edited}, {@code unpublished},
 *                       {@code deleted}; Gitea {@code published}, {@code updated}, {@code deleted}; GitLab
 *                       {@code create}, {@code update}, {@code delete}
 * @param tag            the release's tag name, such as {@code v1.4.0}
 * @param name           the release's title; empty when it has none
 * @param body           the release notes, whole; empty when there are none
 * @param target         the branch or commit the tag was made from, when the host says ({@code target_commitish},
 *                       GitLab's commit id), else {@code null}
 * @param draft          whether the release is a draft (never on GitLab)
 * @param prerelease     whether the release is marked as a pre-release (never on GitLab)
 * @param sender         the login of the account that acted, or {@code null} (GitLab does not say)
 */
public record ReleaseChanged(String deliveryId, String provider, String repositoryId, String repositoryName,
                             String cloneUrl, String action, String tag, String name, String body, String target,
                             boolean draft, boolean prerelease, String sender) implements ScmEvent {

    public ReleaseChanged {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        Fields.text(action, "action");
        Fields.text(tag, "tag");
        name = name == null ? "" : name;
        body = body == null ? "" : body;
    }

    /** The full ref of the release's tag. */
    public String ref() {
        return Refs.TAG_PREFIX + tag;
    }
}
