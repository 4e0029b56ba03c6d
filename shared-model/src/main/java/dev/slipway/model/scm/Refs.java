package dev.slipway.model.scm;

/**
 * How git names refs and commits, as the SCM events use them: a full ref ({@code refs/heads/main},
 * {@code refs/tags/v1.0.0}) and the null object id that hosts send for a ref that does not exist.
 */
public final class Refs {

    /** The prefix of a branch's full ref. */
    public static final String BRANCH_PREFIX = "refs/heads/";
    /** The prefix of a tag's full ref. */
    public static final String TAG_PREFIX = "refs/tags/";

    private Refs() {
    }

    /** The branch name of {@code ref}, or {@code null} when it is not a branch. */
    public static String branchOf(String ref) {
        return ref != null && ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : null;
    }

    /** The tag name of {@code ref}, or {@code null} when it is not a tag. */
    public static String tagOf(String ref) {
        return ref != null && ref.startsWith(TAG_PREFIX) ? ref.substring(TAG_PREFIX.length()) : null;
    }

    /** Whether {@code ref} is a branch or a tag; other refs (notes, pull heads) are not built. */
    public static boolean isBranchOrTag(String ref) {
        return branchOf(ref) != null || tagOf(ref) != null;
    }

    /**
     * Whether {@code sha} is git's null object id, which hosts send as the old SHA of a created ref
     * and the new SHA of a deleted one. Any length is accepted, since repositories in SHA-256
     * format have 64-digit ids.
     */
    public static boolean isNullSha(String sha) {
        return sha != null && !sha.isEmpty() && sha.chars().allMatch(c -> c == '0');
    }
}
