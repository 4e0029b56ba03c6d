package dev.slipway.execution.adapter.out.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of a context's {@code .dockerignore}, read and matched the way the docker CLI does
 * before it sends a context: the engine's own builder does not apply them, so a client that skips
 * this step sends (and lets {@code COPY . .} copy) files that the repository says to leave out.
 * Pure: it sees text and relative paths, never the file system.
 *
 * <ul>
 *   <li>A line starting with {@code #} is a comment; blank lines are skipped; surrounding
 *       whitespace is trimmed.</li>
 *   <li>{@code !pattern} re-includes what an earlier pattern left out; the last pattern that
 *       matches a path decides.</li>
 *   <li>Patterns are cleaned as paths ({@code ./a//b/} is {@code a/b}) and a leading {@code /} is
 *       dropped: every pattern is relative to the context's root.</li>
 *   <li>{@code *} is any run of characters but {@code /}, {@code ?} one such character,
 *       {@code [...]} a character class, {@code **} any number of directories (none included),
 *       and {@code \} escapes the next character.</li>
 *   <li>A pattern that matches a directory leaves out everything under it: a path is matched when
 *       the pattern matches it or the leading directories of it that have as many parts as the
 *       pattern.</li>
 * </ul>
 */
final class DockerIgnore {

    /** The file's name, at the root of a context. */
    static final String FILE_NAME = ".dockerignore";

    private static final DockerIgnore NONE = new DockerIgnore(List.of());

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Nothing is ignored: a context without a {@code .dockerignore}. */
    static DockerIgnore none() {
        return NONE;
    }

    /** The patterns of a {@code .dockerignore}'s text, in file order. */
    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        boolean first = true;
        for (String line : text.split("\r?\n", -1)) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            if (pattern.isEmpty()) {
                continue;
            }
            pattern = clean(pattern);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            rules.add(new Rule(exception, pattern.split("/", -1).length, compile(pattern)));
        }
        return new DockerIgnore(rules);
    }

    /** Whether there is any pattern at all. */
    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether some pattern starts with {@code !}: an ignored directory may then still hold files to send. */
    boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /**
     * Whether {@code path} is left out of the context.
     *
     * @param path relative to the context's root, with {@code /} separators and no leading {@code ./}
     */
    boolean ignores(String path) {
        String[] parentParts = parentParts(path);
        boolean ignored = false;
        for (Rule rule : rules) {
            // Only a pattern that can change the verdict is worth matching.
            if (rule.exception() != ignored) {
                continue;
            }
            boolean matches = rule.regex().matcher(path).matches();
            if (!matches && parentParts.length > 0 && rule.parts() <= parentParts.length) {
                matches = rule.regex().matcher(String.join("/", List.of(parentParts).subList(0, rule.parts())))
                        .matches();
            }
            if (matches) {
                ignored = !rule.exception();
            }
        }
        return ignored;
    }

    private static String[] parentParts(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? new String[0] : path.substring(0, slash).split("/");
    }

    /** Lexical clean-up of a path, as Go's {@code filepath.Clean} does it. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.getLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.add(part);
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            switch (c) {
                case '*' -> {
                    if (i < pattern.length() && pattern.charAt(i) == '*') {
                        i++;
                        // "**/" is "**": the slash belongs to it.
                        if (i < pattern.length() && pattern.charAt(i) == '/') {
                            i++;
                        }
                        regex.append(i == pattern.length() ? ".*" : "(.*/)?");
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int end = classEnd(pattern, i);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append(characterClass(pattern.substring(i, end)));
                        i = end + 1;
                    }
                }
                case '\\' -> {
                    if (i < pattern.length()) {
                        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i++))));
                    } else {
                        regex.append("\\\\");
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.append('$').toString());
    }

    /** The index of the {@code ]} that closes a class whose body starts at {@code start}, or -1. */
    private static int classEnd(String pattern, int start) {
        int i = start;
        if (i < pattern.length() && (pattern.charAt(i) == '^' || pattern.charAt(i) == '!')) {
            i++;
        }
        // A ']' right at the start is a member, not the end.
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static String characterClass(String body) {
        // A class never matches the separator, as in Go's filepath.Match.
        StringBuilder out = new StringBuilder("(?!/)[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '^' || body.charAt(0) == '!')) {
            out.append('^');
            i = 1;
        }
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c == '\\' && i < body.length()) {
                c = body.charAt(i++);
                out.append('\\').append(c);
            } else if (c == '-') {
                out.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('\\').append(c);
            }
        }
        return out.append(']').toString();
    }

    private record Rule(boolean exception, int parts, Pattern regex) {
    }
}
