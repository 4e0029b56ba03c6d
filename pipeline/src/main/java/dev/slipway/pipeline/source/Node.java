package dev.slipway.pipeline.source;

import java.util.List;
import java.util.Optional;

/** A node of a pipeline file, with the place it starts at. */
public sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    Location location();

    /** What kind of node this is, in the words a lint message uses: "a mapping", "a list", "a value". */
    String kind();

    /**
     * A mapping, with its entries in file order. Duplicate keys are kept, so that the linter can
     * point at the second one.
     */
    record Mapping(Location location, List<Entry> entries) implements Node {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The value of the first entry with key {@code key}. */
        public Optional<Node> get(String key) {
            return entries.stream().filter(e -> e.key().value().equals(key)).map(Entry::value).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key and its value. */
    record Entry(Scalar key, Node value) {
    }

    /** A list of nodes. */
    record Sequence(Location location, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar: a string, number or boolean as written, or {@code null} for an empty value or
     * {@code ~}/{@code null}.
     *
     * @param quoted whether it was written in quotes, which makes {@code "true"} a string
     */
    record Scalar(Location location, String value, boolean quoted) implements Node {

        public boolean isNull() {
            return value == null;
        }

        @Override
        public String kind() {
            return "a value";
        }
    }
}
