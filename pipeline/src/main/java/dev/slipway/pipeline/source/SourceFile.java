package dev.slipway.pipeline.source;

import dev.slipway.pipeline.lint.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a pipeline file (YAML, or JSON, which YAML reads too) into a {@link Node} tree.
 *
 * <p>Reading never throws for bad input: a syntax error, an empty file, or a file that is too
 * big, too deep or too full of aliases becomes a {@link Problem} with its place. Aliases are
 * expanded into plain nodes, with a small limit so that a hostile file cannot blow up in memory.
 */
public final class SourceFile {

    /** The largest pipeline file read: far above any real one. */
    public static final int MAX_CHARACTERS = 1 << 20;
    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 64;

    private static final int MAX_ALIASES = 50;

    private SourceFile() {
    }

    /** The result of reading: the root node, when there is one, and what went wrong. */
    public record Read(Optional<Node> root, List<Problem> problems) {
        public Read {
            problems = List.copyOf(problems);
        }
    }

    /** Reads {@code text}, which came from the file called {@code file}. */
    public static Read read(String file, String text) {
        if (text.length() > MAX_CHARACTERS) {
            return failed(Problem.error("file.too-large", Location.startOf(file),
                    "the file has " + text.length() + " characters, more than the " + MAX_CHARACTERS + " read",
                    "split the pipeline, or remove generated content from it"));
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        // SnakeYAML's own limit sits above ours, so that too deep a file gets its own code from convert().
        options.setNestingDepthLimit(MAX_DEPTH * 2);
        options.setCodePointLimit(MAX_CHARACTERS * 2);
        org.yaml.snakeyaml.nodes.Node composed;
        try {
            composed = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            return failed(Problem.error("yaml.syntax", at(file, mark), "the file is not valid YAML: " + what,
                    "check the indentation and quoting around this place"));
        } catch (YAMLException e) {
            return failed(Problem.error("yaml.syntax", Location.startOf(file),
                    "the file cannot be read as YAML: " + e.getMessage(), ""));
        }
        if (composed == null) {
            return failed(Problem.error("file.empty", Location.startOf(file), "the file is empty",
                    "a pipeline needs at least `version: 1` and one step"));
        }
        try {
            return new Read(Optional.of(convert(file, composed, 0)), List.of());
        } catch (TooDeep e) {
            return failed(Problem.error("file.too-deep", e.location, "the file nests more than " + MAX_DEPTH
                    + " levels deep", "no pipeline needs this; look for runaway indentation or aliases"));
        }
    }

    private static Read failed(Problem problem) {
        return new Read(Optional.empty(), List.of(problem));
    }

    private static Node convert(String file, org.yaml.snakeyaml.nodes.Node node, int depth) {
        Location location = at(file, node.getStartMark());
        if (depth > MAX_DEPTH) {
            throw new TooDeep(location);
        }
        return switch (node) {
            case MappingNode m -> {
                List<Node.Entry> entries = new ArrayList<>();
                for (NodeTuple t : m.getValue()) {
                    Node key = convert(file, t.getKeyNode(), depth + 1);
                    Node.Scalar scalarKey = key instanceof Node.Scalar s
                            ? (s.isNull() ? new Node.Scalar(s.location(), "", false) : s)
                            : new Node.Scalar(key.location(), "<" + key.kind() + ">", false);
                    entries.add(new Node.Entry(scalarKey, convert(file, t.getValueNode(), depth + 1)));
                }
                yield new Node.Mapping(location, entries);
            }
            case SequenceNode s -> new Node.Sequence(location,
                    s.getValue().stream().map(n -> convert(file, n, depth + 1)).toList());
            case ScalarNode s -> new Node.Scalar(location,
                    s.getTag().equals(Tag.NULL) && s.getScalarStyle().getChar() == null ? null : s.getValue(),
                    s.getScalarStyle().getChar() != null);
            default -> new Node.Scalar(location, null, false);
        };
    }

    private static Location at(String file, Mark mark) {
        return mark == null ? Location.startOf(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static final class TooDeep extends RuntimeException {
        private final transient Location location;

        TooDeep(Location location) {
            super(null, null, false, false);
            this.location = location;
        }
    }
}
