package dev.slipway.pipeline.golden;

import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.source.Node;
import dev.slipway.pipeline.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the event files of golden cases, and finds the test resource folders in the source tree. */
public final class Fixtures {

    /** Set to true to rewrite expected files instead of comparing: {@code -Dslipway.golden.update=true}. */
    public static final boolean UPDATE = Boolean.getBoolean("slipway.golden.update");

    private Fixtures() {
    }

    /** The source folder (not the copy in target/), so that an update lands where git sees it. */
    public static Path resources(String folder) {
        return Path.of("src/test/resources", folder).toAbsolutePath();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event and build context as written in a {@code <case>.event.yml}. */
    public record Input(Event event, PlanContext context) {
    }

    /** Reads an event file; see the README next to the cases for its keys. */
    public static Input input(String name, String text) {
        Node.Mapping root = (Node.Mapping) SourceFile.read(name, text).root().orElseThrow();
        EventType type = EventType.fromLabel(string(root, "event").orElseThrow()).orElseThrow();
        String message = string(root, "message").orElse("");
        Event event = new Event(type, string(root, "branch").orElse(""), string(root, "target_branch").orElse(""),
                string(root, "tag").orElse(""), string(root, "commit").orElse("0123456789abcdef0123456789abcdef01234567"),
                message, strings(root, "messages").orElse(message.isEmpty() ? List.of() : List.of(message)),
                strings(root, "changed").orElse(List.of()), string(root, "sender").orElse(""),
                string(root, "own_release").map(Boolean::parseBoolean).orElse(false));
        Node.Mapping context = root.get("context").map(Node.Mapping.class::cast)
                .orElse(new Node.Mapping(root.location(), List.of()));
        String repo = string(context, "repo").orElse("acme/app");
        PlanContext planContext = new PlanContext(string(context, "build_id").orElse("b-0001"),
                Long.parseLong(string(context, "build_number").orElse("7")),
                Instant.parse(string(context, "timestamp").orElse("2026-01-31T12:00:00Z")),
                repo.substring(0, repo.indexOf('/')), repo.substring(repo.indexOf('/') + 1));
        return new Input(event, planContext);
    }

    private static Optional<String> string(Node.Mapping mapping, String key) {
        return mapping.get(key).map(n -> ((Node.Scalar) n).value());
    }

    private static Optional<List<String>> strings(Node.Mapping mapping, String key) {
        return mapping.get(key).map(n -> ((Node.Sequence) n).items().stream().map(i -> ((Node.Scalar) i).value()).toList());
    }
}
