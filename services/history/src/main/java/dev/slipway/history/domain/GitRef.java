package dev.slipway.history.domain;

import java.util.Optional;

/**
 * A full git ref as pushed ({@code refs/heads/main}, {@code refs/tags/v1.2}), and the branch or tag
 * it names. Users filter builds by branch, so a build keeps its branch (or tag) next to the raw ref.
 *
 * @param name the full ref
 */
public record GitRef(String name) {

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public GitRef {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a git ref must not be blank");
        }
    }

    /** The branch this ref names, if it is a branch ref. */
    public Optional<String> branch() {
        return suffix(BRANCH_PREFIX);
    }

    /** The tag this ref names, if it is a tag ref. */
    public Optional<String> tag() {
        return suffix(TAG_PREFIX);
    }

    private Optional<String> suffix(String prefix) {
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
            return Optional.of(name.substring(prefix.length()));
        }
        return Optional.empty();
    }
}
