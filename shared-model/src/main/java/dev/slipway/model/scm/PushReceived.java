package dev.slipway.model.scm;

import dev.slipway.model.Fields;
import java.util.List;

/**
 * A push of a branch or tag, as the git host reported it.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}, {@code gitea} or {@code gitlab}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository (never one taken from the body)
 * @param ref            the full ref, such as {@code refs/heads/main}
 * @param before         the SHA before the push
 * @param after          the SHA after the push
 * @param headCommit     the commit at the tip, or {@code null} for a deletion
 * @param commits        every commit the push carried, oldest first
 * @param sender         the login of the account that pushed
 */
public record PushReceived(String deliveryId, String provider, String repositoryId, String repositoryName,
                           String cloneUrl, String ref, String before, String after, Commit headCommit,
                           List<Commit> commits, String sender) implements ScmEvent {

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public PushReceived {
        Fields.text(deliveryId, "deliveryId");
        Fields.text(provider, "provider");
        Fields.text(repositoryId, "repositoryId");
        Fields.text(repositoryName, "repositoryName");
        Fields.text(cloneUrl, "cloneUrl");
        Fields.text(ref, "ref");
        Fields.text(after, "after");
        commits = Fields.listOrEmpty(commits);
    }

    /** The branch name, or {@code null} when the push was of a tag. */
    public String branch() {
        return ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : null;
    }

    /** The tag name, or {@code null} when the push was of a branch. */
    public String tag() {
        return ref.startsWith(TAG_PREFIX) ? ref.substring(TAG_PREFIX.length()) : null;
    }
}
