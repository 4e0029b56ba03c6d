package dev.slipway.pipeline.format.slipway;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.source.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to a node tree that reports, rather than throws, when the file has something else
 * where a value belongs. Every method that cannot read its node reports one problem and returns
 * empty, so callers fall back to a default and carry on reading.
 */
final class NodeReader {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private final List<Problem> problems = new ArrayList<>();

    void report(Problem problem) {
        problems.add(problem);
    }

    List<Problem> problems() {
        return problems;
    }

    /**
     * The entries of {@code mapping} by key, first occurrence only. Keys outside {@code known} are
     * reported with the closest known key; a repeated key is reported at its second place.
     */
    Map<String, Node.Entry> fields(Node.Mapping mapping, String where, List<String> known) {
        Map<String, Node.Entry> fields = new LinkedHashMap<>();
        for (Node.Entry entry : mapping.entries()) {
            String key = entry.key().value();
            if (!known.contains(key)) {
                String suggestion = Suggestions.didYouMean(key, known);
                report(LintCode.KEY_UNKNOWN.at(entry.key().location(),
                        "`" + key + "` is not a key of " + where,
                        known.isEmpty() ? where + " takes no settings"
                                : (suggestion.isEmpty() ? "" : suggestion + " ") + "known keys: " + String.join(", ", known)));
            } else if (fields.containsKey(key)) {
                report(LintCode.KEY_DUPLICATE.at(entry.key().location(),
                        "`" + key + "` appears twice in " + where + "; the first, at line "
                                + fields.get(key).key().location().line() + ", is the one used",
                        "remove one of them"));
            } else {
                fields.put(key, entry);
            }
        }
        return fields;
    }

    /** Entries of a mapping whose keys are names the user chooses (images, services, variables). */
    List<Node.Entry> namedEntries(Node.Mapping mapping, String where) {
        List<Node.Entry> entries = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Node.Entry entry : mapping.entries()) {
            String key = entry.key().value();
            if (seen.contains(key)) {
                report(LintCode.KEY_DUPLICATE.at(entry.key().location(), "`" + key + "` appears twice in " + where
                        + "; the first is the one used", "rename or remove one of them"));
            } else {
                seen.add(key);
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The node as a mapping; an empty value reads as an empty mapping. */
    Optional<Node.Mapping> mapping(Node node, String what) {
        return switch (node) {
            case Node.Mapping m -> Optional.of(m);
            case Node.Scalar s when s.isNull() -> Optional.of(new Node.Mapping(s.location(), List.of()));
            default -> wrongKind(node, what, "a mapping");
        };
    }

    /** The node as a list; an empty value reads as an empty list. */
    Optional<Node.Sequence> sequence(Node node, String what) {
        return switch (node) {
            case Node.Sequence s -> Optional.of(s);
            case Node.Scalar s when s.isNull() -> Optional.of(new Node.Sequence(s.location(), List.of()));
            default -> wrongKind(node, what, "a list");
        };
    }

    /** The node as a non-empty string value. */
    Optional<String> string(Node node, String what) {
        if (node instanceof Node.Scalar scalar) {
            if (scalar.isNull() || scalar.value().isBlank()) {
                report(LintCode.VALUE_INVALID.at(node.location(), what + " is empty", "give it a value"));
                return Optional.empty();
            }
            return Optional.of(scalar.value());
        }
        return wrongKind(node, what, "a value");
    }

    /** A value or a list of values, as a list of scalars; an empty value reads as an empty list. */
    List<Node.Scalar> strings(Node node, String what) {
        if (node instanceof Node.Scalar scalar) {
            return scalar.isNull() ? List.of() : List.of(scalar);
        }
        if (node instanceof Node.Sequence sequence) {
            List<Node.Scalar> values = new ArrayList<>();
            for (Node item : sequence.items()) {
                if (item instanceof Node.Scalar s && !s.isNull()) {
                    values.add(s);
                } else {
                    wrongKind(item, "an item of " + what, "a value");
                }
            }
            return values;
        }
        wrongKind(node, what, "a value or a list of values");
        return List.of();
    }

    Optional<Boolean> bool(Node node, String what) {
        Optional<String> value = string(node, what);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                report(LintCode.VALUE_INVALID.at(node.location(), what + " must be true or false, not `" + value.get() + "`",
                        "write true or false"));
                yield Optional.empty();
            }
        };
    }

    /** A duration written like {@code 90s}, {@code 30m}, {@code 1h30m}; a bare number counts seconds. */
    Optional<Duration> duration(Node node, String what) {
        Optional<String> value = string(node, what);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        if (text.matches("\\d{1,9}")) {
            return positive(Duration.ofSeconds(Long.parseLong(text)), node, what, text);
        }
        Matcher matcher = DURATION.matcher(text);
        if (!text.isEmpty() && matcher.matches() && text.length() <= 24) {
            Duration duration = Duration.ofHours(number(matcher.group(1)))
                    .plusMinutes(number(matcher.group(2))).plusSeconds(number(matcher.group(3)));
            return positive(duration, node, what, text);
        }
        report(LintCode.VALUE_INVALID.at(node.location(), what + " `" + text + "` is not a duration",
                "write hours, minutes and seconds like 90s, 30m or 1h30m"));
        return Optional.empty();
    }

    Optional<Integer> positiveInteger(Node node, String what) {
        Optional<String> value = string(node, what);
        if (value.isPresent() && value.get().matches("\\d{1,6}") && Integer.parseInt(value.get()) > 0) {
            return Optional.of(Integer.parseInt(value.get()));
        }
        value.ifPresent(v -> report(LintCode.VALUE_INVALID.at(node.location(), what + " must be a whole number above 0, not `"
                + v + "`", "")));
        return Optional.empty();
    }

    private Optional<Duration> positive(Duration duration, Node node, String what, String text) {
        if (duration.isZero()) {
            report(LintCode.VALUE_INVALID.at(node.location(), what + " `" + text + "` is zero", "give a positive duration such as 30m"));
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits.length() > 9 ? digits.substring(0, 9) : digits);
    }

    <T> Optional<T> wrongKind(Node node, String what, String expected) {
        report(LintCode.NODE_WRONG_KIND.at(node.location(), what + " must be " + expected + ", not " + node.kind(),
                "see docs/pipeline-reference.md for its shape"));
        return Optional.empty();
    }
}
