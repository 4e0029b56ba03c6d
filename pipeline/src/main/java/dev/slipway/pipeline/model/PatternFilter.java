package dev.slipway.pipeline.model;

import java.util.List;

/**
 * Include and exclude patterns for one kind of name. A name passes when the include list is empty
 * or one include pattern matches it, and no exclude pattern matches it. An absent name (a tag
 * event has no branch) passes a filter with no include patterns, and fails one with some.
 */
public record PatternFilter(List<NamePattern> include, List<NamePattern> exclude) {

    public static final PatternFilter ANY = new PatternFilter(List.of(), List.of());

    public PatternFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static PatternFilter including(List<NamePattern> include) {
        return new PatternFilter(include, List.of());
    }

    public boolean isEmpty() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Whether {@code name}, which may be null or empty for "none", passes. */
    public boolean admits(String name) {
        if (isEmpty()) {
            return true;
        }
        if (name == null || name.isEmpty()) {
            return include.isEmpty();
        }
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matches(name));
        return included && exclude.stream().noneMatch(p -> p.matches(name));
    }

    /** Whether the include list is the reason {@code name} fails (as opposed to an exclude pattern). */
    public boolean failsInclude(String name) {
        return !include.isEmpty() && (name == null || name.isEmpty() || include.stream().noneMatch(p -> p.matches(name)));
    }
}
