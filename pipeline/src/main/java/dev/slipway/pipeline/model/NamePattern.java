package dev.slipway.pipeline.model;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Location;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern for branch names, tag names and changed paths.
 *
 * <p>A pattern is a <b>regular expression when it starts with {@code ^} or ends with {@code $}</b>
 * (Codeship's rule, kept for both formats); it then matches when it is found anywhere in the name,
 * so {@code ^v} matches every name starting with {@code v}. Otherwise it is a <b>glob</b> that must
 * match the whole name: {@code *} is any run of characters except {@code /}, {@code **} any run
 * including {@code /} ({@code a/**}{@code /b} also matches {@code a/b}), {@code ?} one character
 * except {@code /}, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one of (or none of) a set, and
 * {@code {x,y}} either alternative; {@code \} escapes the next character. A plain name such as
 * {@code main} is a glob that matches only itself.
 */
public final class NamePattern {

    /** How {@link #text()} is read. */
    public enum Kind { GLOB, REGEX }

    private final String text;
    private final Kind kind;
    private final Location location;
    private final Pattern compiled;

    private NamePattern(String text, Kind kind, Location location, Pattern compiled) {
        this.text = text;
        this.kind = kind;
        this.location = location;
        this.compiled = compiled;
    }

    /** Reads {@code text} as a pattern; a pattern that does not compile is reported and left out. */
    public static Optional<NamePattern> parse(String text, Location location, Consumer<Problem> problems) {
        Objects.requireNonNull(location, "location");
        if (text == null || text.isEmpty()) {
            problems.accept(LintCode.PATTERN_INVALID.at(location, "an empty pattern matches nothing",
                    "remove it, or write `*` to match any name"));
            return Optional.empty();
        }
        if (text.startsWith("^") || text.endsWith("$")) {
            try {
                return Optional.of(new NamePattern(text, Kind.REGEX, location, Pattern.compile(text)));
            } catch (PatternSyntaxException e) {
                problems.accept(LintCode.PATTERN_INVALID.at(location,
                        "`" + text + "` is read as a regular expression (it is anchored with ^ or $) but does not compile: "
                                + e.getDescription(),
                        "fix the expression, or drop the anchors to write a glob such as `release/*`"));
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new NamePattern(text, Kind.GLOB, location, Pattern.compile(globToRegex(text))));
        } catch (IllegalArgumentException e) {
            problems.accept(LintCode.PATTERN_INVALID.at(location, "`" + text + "` is not a valid glob: " + e.getMessage(),
                    "globs use *, **, ?, [abc] and {x,y}; escape a literal one with \\"));
            return Optional.empty();
        }
    }

    /** A pattern known to be valid, for code and tests; throws {@link IllegalArgumentException} otherwise. */
    public static NamePattern of(String text) {
        StringBuilder why = new StringBuilder();
        return parse(text, Location.startOf("<pattern>"), p -> why.append(p.message()))
                .orElseThrow(() -> new IllegalArgumentException(why.toString()));
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        return kind == Kind.REGEX ? compiled.matcher(name).find() : compiled.matcher(name).matches();
    }

    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    public Location location() {
        return location;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean slashFollows = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        regex.append(slashFollows ? "(?:.*/)?" : ".*");
                        i += slashFollows ? 2 : 1;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("`[` at character " + (i + 1) + " is never closed with `]`");
                    }
                    String set = glob.substring(i + 1, end);
                    boolean negated = set.startsWith("!");
                    String members = negated ? set.substring(1) : set;
                    regex.append('[').append(negated ? "^" : "");
                    for (char m : members.toCharArray()) {
                        regex.append(m == '-' ? "-" : Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
                    }
                    regex.append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("`}` at character " + (i + 1) + " closes no `{`");
                    }
                    braces--;
                    regex.append(')');
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 == glob.length()) {
                        throw new IllegalArgumentException("it ends with a lone `\\`");
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("a `{` is never closed with `}`");
        }
        return regex.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamePattern that && text.equals(that.text) && location.equals(that.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, location);
    }

    @Override
    public String toString() {
        return text;
    }
}
