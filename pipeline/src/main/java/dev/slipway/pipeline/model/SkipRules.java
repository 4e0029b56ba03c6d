package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.List;
import java.util.Objects;

/**
 * Commit-message tokens that skip a build. They apply to push and pull_request events only: a tag
 * event carries no commit message of its own and is never skipped by one.
 *
 * <p>Tokens are matched case-insensitively as substrings, except {@link #TRAILER} which must be a
 * line of its own ({@code skip-checks: true}, spaces around the colon free), as git trailers are.
 *
 * @param location where {@code skip} was written, or the file's start
 * @param messages the tokens; {@link #DEFAULT_MESSAGES} unless the file lists its own (an empty
 *                 list turns message skipping off)
 * @param scope    whether only the head commit's message counts, or any commit of the push
 */
public record SkipRules(Location location, List<String> messages, Scope scope) {

    /** The trailer GitHub also honours. */
    public static final String TRAILER = "skip-checks: true";

    public static final List<String> DEFAULT_MESSAGES =
            List.of("[skip ci]", "[ci skip]", "[no ci]", "[skip slipway]", "--skip-ci", "--ci-skip", TRAILER);

    /** Which commit messages are searched for tokens. */
    public enum Scope {
        /** Only the head commit's message: a token in an older commit of the same push does not skip. */
        HEAD_COMMIT("head-commit"),
        /** Every commit of the push: a token in any of them skips. */
        ALL_COMMITS("all-commits");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public SkipRules {
        Objects.requireNonNull(location, "location");
        messages = List.copyOf(messages);
        Objects.requireNonNull(scope, "scope");
    }

    public static SkipRules defaults(Location location) {
        return new SkipRules(location, DEFAULT_MESSAGES, Scope.HEAD_COMMIT);
    }
}
