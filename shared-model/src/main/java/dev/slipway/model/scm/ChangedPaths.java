package dev.slipway.model.scm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths that a push's commits added, modified and removed, each list the union over the
 * commits the delivery listed, in the order first seen and without repeats. A path changed twice
 * in one push may appear in more than one list (added by one commit, modified by the next).
 *
 * <p>Hosts cap the commits a delivery lists (GitLab at 20), so for a longer push these are the
 * paths of the listed commits only. A push that lists no commits, such as a tag's, has none.
 *
 * @param added    paths that a commit created
 * @param modified paths that a commit changed
 * @param removed  paths that a commit deleted
 */
public record ChangedPaths(List<String> added, List<String> modified, List<String> removed) {

    /** No changed paths: the default for a push that listed no commits, or was published without them. */
    public static final ChangedPaths NONE = new ChangedPaths(List.of(), List.of(), List.of());

    public ChangedPaths {
        added = distinct(added);
        modified = distinct(modified);
        removed = distinct(removed);
    }

    /** Every changed path once: the added, then the modified, then the removed ones. */
    public List<String> all() {
        Set<String> all = new LinkedHashSet<>(added);
        all.addAll(modified);
        all.addAll(removed);
        return List.copyOf(all);
    }

    private static List<String> distinct(List<String> paths) {
        if (paths == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>(paths);
        if (kept.contains(null)) {
            throw new IllegalArgumentException("a changed path must not be null");
        }
        return List.copyOf(kept);
    }
}
