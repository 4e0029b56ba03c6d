package dev.slipway.execution.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hides a build's secret values in its output. Every occurrence of a value inside a line becomes
 * {@value #MASK}. A value of several lines never appears inside one output line, so each of its
 * lines is masked on its own: where it occurs inside a line when it is at least
 * {@value #SHORTEST_FRAGMENT} characters long, and where it is the whole line (spaces aside) when
 * it is shorter, so that a key file's {@code -----END} line is hidden without hiding every brace
 * of the log. Immutable and thread-safe.
 */
public final class SecretMask {

    /** What a secret value becomes. */
    public static final String MASK = "****";
    /** The shortest line of a multi-line value that is masked inside other text. */
    static final int SHORTEST_FRAGMENT = 4;

    private static final SecretMask NONE = new SecretMask(List.of(), Set.of());

    private final List<String> fragments;
    private final Set<String> wholeLines;

    private SecretMask(List<String> fragments, Set<String> wholeLines) {
        this.fragments = fragments;
        this.wholeLines = wholeLines;
    }

    /** A mask that changes nothing, for a build without secrets. */
    public static SecretMask none() {
        return NONE;
    }

    /** A mask for {@code values}; blank values are ignored, since they cannot be told apart from no output. */
    public static SecretMask of(Collection<String> values) {
        Set<String> fragments = new LinkedHashSet<>();
        Set<String> wholeLines = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            List<String> lines = value.lines().toList();
            if (lines.size() == 1) {
                fragments.add(value);
                continue;
            }
            for (String line : lines) {
                String stripped = line.strip();
                if (stripped.length() >= SHORTEST_FRAGMENT) {
                    fragments.add(stripped);
                } else if (!stripped.isEmpty()) {
                    wholeLines.add(stripped);
                }
            }
        }
        if (fragments.isEmpty() && wholeLines.isEmpty()) {
            return NONE;
        }
        // Longest first, so that a value that contains another is masked whole.
        List<String> ordered = fragments.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new SecretMask(ordered, Set.copyOf(wholeLines));
    }

    /** {@code text} with every known secret value replaced by {@value #MASK}. */
    public String apply(String text) {
        if (text == null || (fragments.isEmpty() && wholeLines.isEmpty())) {
            return text;
        }
        if (!wholeLines.isEmpty() && wholeLines.contains(text.strip())) {
            return MASK;
        }
        String masked = text;
        for (String fragment : fragments) {
            if (masked.contains(fragment)) {
                masked = masked.replace(fragment, MASK);
            }
        }
        return masked;
    }

    /** Whether there is nothing to mask. */
    public boolean isEmpty() {
        return fragments.isEmpty() && wholeLines.isEmpty();
    }
}
