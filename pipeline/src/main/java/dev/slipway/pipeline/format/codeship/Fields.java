package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.source.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One mapping of a Codeship file, read key by key. It reports, once per mapping, keys that are
 * repeated, keys Codeship knew but Slipway ignores (with the hint for each) and keys nobody knows
 * (with a "did you mean"), and it turns wrong kinds of node into problems instead of exceptions.
 */
final class Fields {

    private final Node.Mapping mapping;
    private final Consumer<Problem> problems;

    private Fields(Node.Mapping mapping, Consumer<Problem> problems) {
        this.mapping = mapping;
        this.problems = problems;
    }

    /**
     * Checks the keys of {@code mapping}. {@code known} are the keys read; {@code unsupported} maps
     * keys Codeship accepted but Slipway ignores to the hint given for each.
     */
    static Fields of(Node.Mapping mapping, String where, List<String> known, Map<String, String> unsupported,
                     Consumer<Problem> problems) {
        Set<String> seen = new HashSet<>();
        for (Node.Entry entry : mapping.entries()) {
            String key = entry.key().value();
            if (!seen.add(key)) {
                problems.accept(LintCode.KEY_DUPLICATE.at(entry.key().location(),
                        "`" + key + "` appears twice in " + where + "; only the first counts",
                        "remove one of them"));
            } else if (unsupported.containsKey(key)) {
                problems.accept(LintCode.CODESHIP_UNSUPPORTED_KEY.at(entry.key().location(),
                        "`" + key + "` in " + where + " is a Codeship key that Slipway ignores", unsupported.get(key)));
            } else if (!known.contains(key)) {
                List<String> candidates = new ArrayList<>(known);
                candidates.addAll(unsupported.keySet());
                String didYouMean = Suggestions.didYouMean(key, candidates);
                problems.accept(LintCode.KEY_UNKNOWN.at(entry.key().location(),
                        "`" + key + "` is not a key of " + where,
                        (didYouMean.isEmpty() ? "" : didYouMean + " ") + "known keys: " + String.join(", ", known)));
            }
        }
        return new Fields(mapping, problems);
    }

    /** {@code node} as a mapping, or a problem saying what it is instead. */
    static Optional<Node.Mapping> mapping(Node node, String what, Consumer<Problem> problems) {
        if (node instanceof Node.Mapping m) {
            return Optional.of(m);
        }
        problems.accept(LintCode.NODE_WRONG_KIND.at(node.location(), what + " must be a mapping, not " + node.kind(), ""));
        return Optional.empty();
    }

    Node.Mapping node() {
        return mapping;
    }

    Optional<Node> node(String key) {
        return mapping.get(key);
    }

    Optional<Node.Scalar> key(String key) {
        return mapping.entries().stream().filter(e -> e.key().value().equals(key)).map(Node.Entry::key).findFirst();
    }

    boolean has(String key) {
        return mapping.get(key).isPresent();
    }

    /** The text of scalar {@code key}; absent when missing or empty, with a problem when not a value. */
    Optional<Node.Scalar> text(String key) {
        Optional<Node> node = mapping.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Node.Scalar scalar) {
            return scalar.isNull() || scalar.value().isEmpty() ? Optional.empty() : Optional.of(scalar);
        }
        problems.accept(LintCode.NODE_WRONG_KIND.at(node.get().location(),
                "`" + key + "` must be a value, not " + node.get().kind(), ""));
        return Optional.empty();
    }

    /**
     * A list of names, written as a list or, as Codeship also accepted, a single value; the names
     * keep their own places.
     */
    List<Node.Scalar> names(String key) {
        Optional<Node> node = mapping.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items = node.get() instanceof Node.Sequence s ? s.items() : List.of(node.get());
        List<Node.Scalar> names = new ArrayList<>();
        for (Node item : items) {
            if (item instanceof Node.Scalar scalar && !scalar.isNull()) {
                names.add(scalar);
            } else {
                problems.accept(LintCode.NODE_WRONG_KIND.at(item.location(),
                        "each entry of `" + key + "` must be a name, not " + item.kind(), ""));
            }
        }
        return names;
    }

    /** One {@code NAME: value} entry of an environment or build args, with where its name was written. */
    record Variable(Node.Scalar name, String value) {
    }

    /**
     * Variables written as a mapping ({@code NAME: value}) or, docker-compose style, as a list of
     * {@code NAME=value}; both were valid in Codeship. A name without a value is an empty string.
     */
    List<Variable> variables(String key) {
        Optional<Node> node = mapping.get(key);
        List<Variable> variables = new ArrayList<>();
        switch (node.orElse(null)) {
            case null -> {
            }
            case Node.Mapping m -> {
                for (Node.Entry entry : m.entries()) {
                    if (entry.value() instanceof Node.Scalar value) {
                        variables.add(new Variable(entry.key(), value.isNull() ? "" : value.value()));
                    } else {
                        problems.accept(LintCode.NODE_WRONG_KIND.at(entry.value().location(),
                                "`" + entry.key().value() + "` in `" + key + "` must be a value, not "
                                        + entry.value().kind(), "quote it if it is meant as text"));
                    }
                }
            }
            case Node.Sequence s -> {
                for (Node item : s.items()) {
                    if (item instanceof Node.Scalar scalar && !scalar.isNull()) {
                        int equals = scalar.value().indexOf('=');
                        String name = equals < 0 ? scalar.value() : scalar.value().substring(0, equals);
                        String value = equals < 0 ? "" : scalar.value().substring(equals + 1);
                        variables.add(new Variable(new Node.Scalar(scalar.location(), name, scalar.quoted()), value));
                    } else {
                        problems.accept(LintCode.NODE_WRONG_KIND.at(item.location(),
                                "each entry of `" + key + "` must be `NAME=value`, not " + item.kind(), ""));
                    }
                }
            }
            case Node.Scalar scalar when scalar.isNull() -> {
            }
            case Node.Scalar scalar -> problems.accept(LintCode.NODE_WRONG_KIND.at(scalar.location(),
                    "`" + key + "` must be a mapping of NAME: value, not a single value", ""));
        }
        return variables;
    }
}
