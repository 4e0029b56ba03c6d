package dev.slipway.model.scm;

import dev.slipway.model.Fields;
import java.util.List;

/**
 * A push of a branch or tag, as the git host reported it: new commits, a new ref, or a deleted
 * ref.
 *
 * <p>{@code created}, {@code deleted} and {@code changedPaths} were added to version 1 after it
 * was first published. An event written without them still decodes: the flags are then derived
 * from the SHAs (a null {@code before} creates the ref, a null {@code after} deletes it), and no
 * path changed. The flags are {@code Boolean} only so that their absence can be told apart; once
 * constructed they are never null.
 *
 * @param deliveryId     the host's delivery id
 * @param provider       {@code github}, {@code gitea} or {@code gitlab}
 * @param repositoryId   Slipway's id of the repository, {@code provider:owner/name}
 * @param repositoryName {@code owner/name}
 * @param cloneUrl       the clone URL registered for the repository (never one taken from the body)
 * @param ref            the full ref, such as {@code refs/heads/main}
 * @param before         the SHA before the push (git's null id when the push created the ref)
 * @param after          the SHA after the push (git's null id when the push deleted the ref)
 * @param headCommit     the commit at the tip, or {@code null} for a deletion
 * @param commits        every commit the push carried, oldest first
 * @param sender         the login of the account that pushed
 * @param created        whether the push created the ref; when null, whether {@code before} is the null id
 * @param deleted        whether the push deleted the ref; when null, whether {@code after} is the null id
 * @param changedPaths   the paths the listed commits changed; none when null
 * @param forced         whether the host said the push rewrote the ref's history ({@code forced} in
 *                       GitHub's body); {@code null} when the host does not say, as Gitea and GitLab
 *                       do not. Added to version 1 later, like the flags above.
 */
public record PushReceived(String deliveryId, String provider, String repositoryId, String repositoryName,
                           String cloneUrl, String ref, String before, String after, Commit headCommit,
                           List<Commit> commits, String sender, Boolean created, Boolean deleted,
                           ChangedPaths changedPaths, Boolean forced) implements ScmEvent {

    public PushReceived {
        ScmOrigin.require(deliveryId, provider, repositoryId, repositoryName, cloneUrl);
        Fields.text(ref, "ref");
        Fields.text(after, "after");
        commits = Fields.listOrEmpty(commits);
        created = created != null ? created : Refs.isNullSha(before);
        deleted = deleted != null ? deleted : Refs.isNullSha(after);
        changedPaths = changedPaths != null ? changedPaths : ChangedPaths.NONE;
    }

    /** A push from a host that does not say whether it was forced. */
    public PushReceived(String deliveryId, String provider, String repositoryId, String repositoryName,
                        String cloneUrl, String ref, String before, String after, Commit headCommit,
                        List<Commit> commits, String sender, Boolean created, Boolean deleted,
                        ChangedPaths changedPaths) {
        this(deliveryId, provider, repositoryId, repositoryName, cloneUrl, ref, before, after, headCommit, commits,
                sender, created, deleted, changedPaths, null);
    }

    /**
     * A push in the shape version 1 was first published with, its flags derived from the SHAs and
     * no changed paths.
     */
    public PushReceived(String deliveryId, String provider, String repositoryId, String repositoryName,
                        String cloneUrl, String ref, String before, String after, Commit headCommit,
                        List<Commit> commits, String sender) {
        this(deliveryId, provider, repositoryId, repositoryName, cloneUrl, ref, before, after, headCommit, commits,
                sender, null, null, null, null);
    }

    /** The branch name, or {@code null} when the push was of a tag. */
    public String branch() {
        return Refs.branchOf(ref);
    }

    /** The tag name, or {@code null} when the push was of a branch. */
    public String tag() {
        return Refs.tagOf(ref);
    }
}
