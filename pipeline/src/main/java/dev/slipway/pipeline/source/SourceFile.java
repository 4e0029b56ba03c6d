package dev.slipway.pipeline.source;

import dev.slipway.pipeline.lint.Problem;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads a pipeline file (YAML, or JSON, which YAML reads too) into a {@link Node} tree.
 *
 * <p>Reading never throws for bad input: a syntax error, an empty file, or a file that is too
 * big, too deep or too full of aliases becomes a {@link Problem} with its place.
 *
 * <p>The tree is built straight from the parser's events. SnakeYAML's own composer would also
 * resolve every plain scalar's type through a series of regular expressions, which the pipeline
 * stages never look at (they read values as written), and which cost about as much as parsing
 * itself; only "is this value null" is needed, and that is decided here. An alias refers to the
 * node its anchor built: the tree shares it rather than copying it, and a file whose aliases
 * would make the tree larger than {@link #MAX_NODES} is refused, so that a hostile file cannot
 * make the later stages walk an exponential tree.
 */
public final class SourceFile {

    /** The largest pipeline file read: far above any real one. */
    public static final int MAX_CHARACTERS = 1 << 20;
    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 64;
    /** The most nodes a file may stand for once its aliases are counted as the nodes they repeat. */
    public static final int MAX_NODES = 200_000;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final String NULL_TAG = "tag:yaml.org,2002:null";

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
        // The parser's own limit sits above ours, so that ours is the one a user sees.
        options.setNestingDepthLimit(MAX_DEPTH * 2);
        options.setCodePointLimit(MAX_CHARACTERS * 2);
        try {
            Node root = new TreeBuilder(file).build(new Yaml(options).parse(new StringReader(text)));
            if (root == null) {
                return failed(Problem.error("file.empty", Location.startOf(file), "the file is empty",
                        "a pipeline needs at least `version: 1` and one step"));
            }
            return new Read(Optional.of(root), List.of());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            return failed(Problem.error("yaml.syntax", at(file, mark), "the file is not valid YAML: " + what,
                    "check the indentation and quoting around this place"));
        } catch (YAMLException e) {
            return failed(Problem.error("yaml.syntax", Location.startOf(file),
                    "the file cannot be read as YAML: " + e.getMessage(), ""));
        } catch (Refused e) {
            return failed(e.problem);
        }
    }

    private static Read failed(Problem problem) {
        return new Read(Optional.empty(), List.of(problem));
    }

    private static Location at(String file, Mark mark) {
        return mark == null ? Location.startOf(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Builds the tree of the first document from the parser's events. */
    private static final class TreeBuilder {

        private final String file;
        private final Deque<Open> open = new ArrayDeque<>();
        private final Map<String, Built> anchors = new HashMap<>();
        private long nodes;
        private Node root;
        private boolean inDocument;
        private boolean documentDone;

        TreeBuilder(String file) {
            this.file = file;
        }

        Node build(Iterable<Event> events) {
            for (Event event : events) {
                if (documentDone && event instanceof DocumentStartEvent second) {
                    throw new Refused(Problem.error("yaml.syntax", at(file, second.getStartMark()),
                            "the file is not valid YAML for a pipeline: it holds more than one document",
                            "a pipeline is one YAML document; remove the `---` and what follows, or merge them"));
                }
                switch (event) {
                    case DocumentStartEvent ignored -> inDocument = true;
                    case MappingStartEvent m -> start(m, true);
                    case SequenceStartEvent s -> start(s, false);
                    case ScalarEvent s -> {
                        Node.Scalar scalar = scalar(s);
                        refuseTooDeep(scalar.location());
                        add(scalar, 1, s.getAnchor());
                    }
                    case AliasEvent a -> alias(a);
                    default -> {
                        if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                            end();
                        } else if (event.is(Event.ID.DocumentEnd) && inDocument) {
                            documentDone = true;
                        }
                    }
                }
            }
            return root;
        }

        private void start(CollectionStartEvent event, boolean mapping) {
            Location location = at(file, event.getStartMark());
            refuseTooDeep(location);
            open.push(new Open(location, mapping, event.getAnchor()));
        }

        /** The root is at depth 0; a node below {@link #MAX_DEPTH} open collections is too deep. */
        private void refuseTooDeep(Location location) {
            if (open.size() > MAX_DEPTH) {
                throw new Refused(Problem.error("file.too-deep", location, "the file nests more than " + MAX_DEPTH
                        + " levels deep", "no pipeline needs this; look for runaway indentation or aliases"));
            }
        }

        private void end() {
            Open done = open.pop();
            Node node;
            if (done.mapping) {
                List<Node.Entry> entries = new ArrayList<>(done.items.size() / 2);
                for (int i = 0; i + 1 < done.items.size(); i += 2) {
                    entries.add(new Node.Entry(key(done.items.get(i)), done.items.get(i + 1)));
                }
                node = new Node.Mapping(done.location, entries);
            } else {
                node = new Node.Sequence(done.location, done.items);
            }
            add(node, done.size + 1, done.anchor);
        }

        private void alias(AliasEvent event) {
            Built target = anchors.get(event.getAnchor());
            if (target == null) {
                throw new Refused(Problem.error("yaml.syntax", at(file, event.getStartMark()),
                        "the file is not valid YAML: found undefined alias " + event.getAnchor(),
                        "define the anchor `&" + event.getAnchor() + "` before using it"));
            }
            add(target.node, target.size, null);
        }

        private void add(Node node, long size, String anchor) {
            nodes += size;
            if (nodes > MAX_NODES) {
                throw new Refused(Problem.error("yaml.syntax", node.location(), "the file is not valid YAML for a "
                        + "pipeline: its aliases stand for more than " + MAX_NODES + " nodes",
                        "no pipeline needs this; use fewer nested aliases"));
            }
            if (anchor != null) {
                anchors.put(anchor, new Built(node, size));
            }
            if (open.isEmpty()) {
                root = node;
            } else {
                Open parent = open.peek();
                parent.items.add(node);
                parent.size += size;
            }
        }

        private Node.Scalar scalar(ScalarEvent event) {
            Location location = at(file, event.getStartMark());
            boolean quoted = event.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
            boolean isNull = NULL_TAG.equals(event.getTag())
                    || (!quoted && event.getTag() == null && NULLS.contains(event.getValue()));
            return new Node.Scalar(location, isNull ? null : event.getValue(), quoted);
        }

        private static Node.Scalar key(Node key) {
            if (key instanceof Node.Scalar s) {
                return s.isNull() ? new Node.Scalar(s.location(), "", false) : s;
            }
            return new Node.Scalar(key.location(), "<" + key.kind() + ">", false);
        }
    }

    /** A collection whose end has not been read yet. */
    private static final class Open {
        final Location location;
        final boolean mapping;
        final String anchor;
        final List<Node> items = new ArrayList<>();
        long size;

        Open(Location location, boolean mapping, String anchor) {
            this.location = location;
            this.mapping = mapping;
            this.anchor = anchor;
        }
    }

    /** A node an anchor named, with how many nodes it stands for. */
    private record Built(Node node, long size) {
    }

    /** Reading stopped with a problem the file itself caused. */
    private static final class Refused extends RuntimeException {
        private final transient Problem problem;

        Refused(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }
}
