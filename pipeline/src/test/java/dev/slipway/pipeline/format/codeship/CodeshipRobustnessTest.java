package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.PlanContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Mutated Codeship files: whatever the text, the library answers with problems, never an exception. */
class CodeshipRobustnessTest {

    private static final String SERVICES = CodeshipProject.read(
            CodeshipProject.RESOURCES.resolve("compile/depends-on-starts-services/codeship-services.yml"));
    private static final String STEPS = CodeshipProject.read(
            CodeshipProject.RESOURCES.resolve("compile/exclude-release-branches/codeship-steps.yml"))
            + CodeshipProject.read(CodeshipProject.RESOURCES.resolve("compile/parallel-tests-then-push-to-quay/codeship-steps.yml"));
    private static final List<String> FRAGMENTS = List.of("type: push", "type: parallel", "steps:", "- ", "tag: ^(",
            "exclude: *", "service: app", "service: nope", "image_tag: '{{ .Nope }}'", "{{", "[", "{", ": :", "&a", "*a",
            "build:", "  build: .", "depends_on: [app]", "encrypted_args: x", "\t", "\"", "~", "null", "- - -", "image_name:");
    private static final PlanContext CONTEXT = new PlanContext("b", 1, Instant.EPOCH, "o", "r");

    @Property(tries = 1000)
    void mutatedFilesGiveProblemsNotExceptions(@ForAll("mutated") String services, @ForAll("mutatedSteps") String steps) {
        // Load, lint, decide and plan, as a webhook would, on text that is almost valid.
        Pipelines.Loaded loaded = CodeshipProject.load(services, steps);
        for (Event event : List.of(Event.push("main", "abc", "m"), Event.tag("v1.2.3", "abc"),
                Event.pullRequest("feature/x", "main", "abc", "m"))) {
            Pipelines.PlanResult result = Pipelines.plan(loaded, event, CONTEXT);
            assertThat(result.toJson()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        return mutationsOf(SERVICES);
    }

    @Provide
    Arbitrary<String> mutatedSteps() {
        return mutationsOf(STEPS);
    }

    /** The text with a few lines deleted, duplicated, cut short or given a fragment. */
    private static Arbitrary<String> mutationsOf(String text) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, lines.size() - 1), Arbitraries.integers().between(0, FRAGMENTS.size() - 1),
                Arbitraries.integers().between(0, 40)).as((kind, line, fragment, cut) -> new int[] {kind, line, fragment, cut});
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            List<String> result = new ArrayList<>(lines);
            for (int[] e : edits) {
                int line = Math.min(e[1], result.size() - 1);
                if (line < 0) {
                    break;
                }
                String current = result.get(line);
                switch (e[0]) {
                    case 0 -> result.remove(line);
                    case 1 -> result.add(line, current);
                    case 2 -> result.set(line, current.substring(0, Math.min(current.length(), e[3])));
                    default -> result.set(line, current + FRAGMENTS.get(e[2]));
                }
            }
            return String.join("\n", result);
        });
    }

}
