package dev.slipway.model.scm;

import dev.slipway.model.Fields;

/**
 * Something happened to a pull request (GitHub, Gitea) or merge request (GitLab): it was opened,
 * got new commits, was closed or merged, or was edited, labelled, assigned. Every action is
 * passed on as the host named it; which of them deserve a build is filtering's decision.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}, {@code gitea} or {@code gitlab}
 * @param repositoryId   Slipway's id of the repository the request targets, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository
 * @param action         the host's word for what happened, as sent: GitHub {@code opened}, {@code synchronize},
 *                       {@code reopened}, {@code closed}, {@code labeled}, ...; Gitea {@code opened},
 *                       {@code synchronized}, {@code closed}, ...; GitLab {@code open}, {@code update},
 *                       {@code merge}, {@code close}, ...
 * @param number         the request's number in its repository (GitLab's {@code iid})
 * @param title          the request's title; empty when it has none
 * @param headBranch     the branch the changes come from, in {@code sourceCloneUrl}'s repository
 * @param headSha        the commit at the tip of the head branch
 * @param baseBranch     the branch the changes are to be merged into
 * @param sourceCloneUrl the clone URL of the repository the head branch lives in, as the body gives it, when
 *                       that is a fork; {@code null} when the head branch is in the repository itself. It is
 *                       the sender's to choose, so never a place to fetch secrets for
 * @param merged         whether the request has been merged
 * @param sender         the login of the account that acted, or {@code null}
 */
public record PullRequestChanged(String deliveryId, String provider, String repositoryId, String repositoryName,
                                 String cloneUrl, String action, long number, String title, String headBranch,
                                 String headSha, String baseBranch, String sourceCloneUrl, boolean merged,
                                 String sender) implements ScmEvent {

    public PullRequestChanged {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        Fields.text(action, "action");
        if (number < 1) {
            throw new IllegalArgumentException("number must be 1 or more, was " + number);
        }
        title = title == null ? "" : title;
        Fields.text(headBranch, "headBranch");
        Fields.text(headSha, "headSha");
        Fields.text(baseBranch, "baseBranch");
    }

    /** Whether the changes come from a fork rather than from a branch of the repository itself. */
    public boolean fromFork() {
        return sourceCloneUrl != null;
    }
}
