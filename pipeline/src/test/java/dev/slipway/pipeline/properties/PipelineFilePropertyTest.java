package dev.slipway.pipeline.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.PlanContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a file holds, the library answers with problems, never an exception: mutated real
 * pipelines, and pipelines generated from the format's own vocabulary.
 */
class PipelineFilePropertyTest {

    private static final List<String> SEEDS = seeds();
    private static final PlanContext CONTEXT = new PlanContext("b-1", 1, Instant.EPOCH, "o", "r");
    private static final List<Event> EVENTS = List.of(
            Event.push("main", "abc1234567", "x").withChangedPaths(List.of("docs/a.md", "src/b.go")),
            Event.push("feature/x", "abc", "[skip ci]"),
            Event.tag("v1.2.3", "abc").asOwnRelease(),
            Event.tag("v1.2.3", "abc"),
            Event.pullRequest("feature/x", "main", "abc", "x"),
            Event.manual("main", "abc"));

    private static final List<String> KEYS = List.of("version", "on", "push", "tag", "pull_request", "manual", "branches",
            "cancel_previous", "pattern", "include_own_releases", "skip", "messages", "scope", "images", "app", "context",
            "dockerfile", "target", "build_args", "cache_from", "services", "db", "image", "environment", "secrets", "sysctls",
            "healthcheck", "test", "interval", "retries", "depends_on", "host_network", "steps", "name", "run", "release",
            "parallel", "serial", "to", "tags", "credential", "notes", "when", "event", "branch", "paths", "status",
            "include", "exclude", "timeout", "secret", "net.core.somaxconn", "vm.swappiness", "GITHUB_TOKEN", "x");
    private static final List<String> SCALARS = List.of("1", "2", "true", "false", "main", "\"v*\"", "\"^v(\"", "\"[a\"",
            "\"{{ .CommitID }}\"", "\"{{ .Nope }}\"", "\"{{\"", "app", "app@builder", "ap@x", "redis:7", "10m", "0", "soon",
            "push", "tag", "failure", "all-commits", "..", "/etc", "~", "\"\"", "\"docs/**\"", "registry.example.com/a/b",
            "db", "app@sha256:abc", "-1", "999999999999999999999");

    // The bar: 10,000 mutated files in every build, not only in a deeper run.
    @Property(tries = 10_000)
    void mutatedPipelinesGiveProblemsNotExceptions(@ForAll("seedFiles") String seed, @ForAll long randomSeed,
                                                   @ForAll @IntRange(min = 1, max = 12) int mutations) {
        // Real files, with characters, lines and tokens cut, repeated and inserted, go through every stage.
        exerciseEveryStage(mutate(seed, new Random(randomSeed), mutations));
    }

    @Property
    void pipelinesBuiltFromTheFormatsVocabularyGiveProblemsNotExceptions(@ForAll long randomSeed) {
        // Well-formed YAML with known keys in unexpected places and values of every kind.
        Random random = new Random(randomSeed);
        StringBuilder yaml = new StringBuilder(random.nextInt(4) == 0 ? "" : "version: 1\n");
        yaml.append(KEYS.get(random.nextInt(KEYS.size()))).append(": ");
        value(random, 0, yaml);
        yaml.append("\nsteps: ");
        value(random, 0, yaml);
        yaml.append('\n');
        exerciseEveryStage(yaml.toString());
    }

    private static void exerciseEveryStage(String text) {
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", text);
        Statistics.collect(loaded.isRunnable() ? "runnable" : "has errors");
        for (Event event : EVENTS) {
            Pipelines.PlanResult result = Pipelines.plan(loaded, event, CONTEXT);
            assertThat(result.plan().isPresent()).isEqualTo(result.decision().runs());
            if (result.plan().isPresent()) {
                assertThat(loaded.isRunnable()).isTrue();
            }
            assertThat(result.toJson()).isNotEmpty();
            loaded.pipeline().ifPresent(p -> Pipelines.decide(p, event));
        }
    }

    private static void value(Random random, int depth, StringBuilder out) {
        int kind = depth > 4 ? 0 : random.nextInt(3);
        switch (kind) {
            case 0 -> out.append(SCALARS.get(random.nextInt(SCALARS.size())));
            case 1 -> {
                out.append('{');
                int entries = random.nextInt(4);
                for (int i = 0; i < entries; i++) {
                    out.append(i == 0 ? "" : ", ").append(KEYS.get(random.nextInt(KEYS.size()))).append(": ");
                    value(random, depth + 1, out);
                }
                out.append('}');
            }
            default -> {
                out.append('[');
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    out.append(i == 0 ? "" : ", ");
                    value(random, depth + 1, out);
                }
                out.append(']');
            }
        }
    }

    private static String mutate(String seed, Random random, int mutations) {
        List<String> lines = new ArrayList<>(seed.lines().toList());
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, line.isEmpty() ? line : line.substring(0, random.nextInt(line.length())));
                case 3 -> {
                    int column = line.isEmpty() ? 0 : random.nextInt(line.length() + 1);
                    String token = random.nextBoolean() ? KEYS.get(random.nextInt(KEYS.size())) + ": "
                            : SCALARS.get(random.nextInt(SCALARS.size()));
                    lines.set(at, line.substring(0, column) + token + line.substring(column));
                }
                case 4 -> lines.set(at, "  " + line);
                case 5 -> lines.set(at, line.stripLeading());
                default -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    @Provide
    Arbitrary<String> seedFiles() {
        return Arbitraries.of(SEEDS);
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        for (String folder : List.of("compile", "lint")) {
            try (Stream<Path> files = Files.list(Fixtures.resources(folder))) {
                files.filter(p -> p.toString().endsWith(".yml") && !p.toString().endsWith(".event.yml")).sorted()
                        .forEach(p -> seeds.add(Fixtures.read(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }
}
