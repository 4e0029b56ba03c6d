package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * A release was made public on the git host: GitHub's {@code release} event with the action
 * {@code published}, {@code released}, {@code prereleased} or {@code created} (when not a draft),
 * Gitea's with {@code published}, GitLab's {@code Release Hook} with {@code create}. Drafts, edits,
 * deletions and unpublishing are not events. One release on GitHub usually arrives several times
 * ({@code created}, {@code published} and {@code released} together), each with its action.
 *
 * <p>This is the forge's side of a release, on {@code slipway.scm.events}; the releases service's
 * own announcement of a release it made is another event on {@code slipway.releases}. Slipway's
 * own releases come back this way too, which is why the notes are kept whole: they carry the
 * marker that tells them apart.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}, {@code gitea} or {@code gitlab}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param action         the host's word for what happened, as sent: GitHub {@code published}, {@code released},
 *                       {@code prereleased} or {@code created}; Gitea {@code published}; GitLab {@code create}
 * @param tag            the release's tag name, such as {@code v1.4.0}
 * @param name           the release's title; empty when it has none
 * @param body           the release notes, whole; empty when there are none
 * @param target         the branch or commit the tag was made from, when the host says ({@code target_commitish},
 *                       GitLab's commit id), else {@code null}
 * @param prerelease     whether the release is marked as a pre-release (never on GitLab)
 * @param sender         the login of the account that acted, or {@code null} (GitLab does not say)
 */
public record ReleasePublished(String deliveryId, String provider, String repositoryId, String repositoryName,
                               String cloneUrl, String action, String tag, String name, String body, String target,
                               boolean prerelease, String sender) implements ScmEvent {

    public ReleasePublished {
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
