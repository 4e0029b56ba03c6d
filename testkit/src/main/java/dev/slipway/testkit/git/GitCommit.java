package dev.slipway.testkit.git;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One commit of a {@link LocalGitRepository}, with what a git host's push webhook says about it.
 *
 * @param id the commit's SHA-1, 40 hex digits
 * @param treeId the SHA-1 of the commit's tree
 * @param parentId the first parent's SHA-1, or {@code null} for a root commit
 * @param message the full commit message
 * @param authorName the author's name
 * @param authorEmail the author's e-mail address
 * @param timestamp when it was authored, with the author's offset
 * @param added paths added relative to the first parent
 * @param removed paths removed relative to the first parent
 * @param modified paths changed relative to the first parent
 */
public record GitCommit(String id, String treeId, String parentId, String message, String authorName, String authorEmail,
        OffsetDateTime timestamp, List<String> added, List<String> removed, List<String> modified) {

    public GitCommit {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        modified = List.copyOf(modified);
    }
}
