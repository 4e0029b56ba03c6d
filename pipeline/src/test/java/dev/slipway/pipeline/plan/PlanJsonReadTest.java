package dev.slipway.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reading a plan's JSON form back: the inverse of writing it, with errors that name the field. */
@SuppressWarnings("unchecked")
class PlanJsonReadTest {

    private static final Path CASES = Fixtures.resources("compile");

    @TestFactory
    Stream<DynamicTest> everyGoldenPlanReadsBackToTheSamePlanAndTheSameGoldenJson() throws IOException {
        // Verifies read as the inverse of plan over every compiler golden case: equal records, byte-equal golden file.
        return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixtures.Input input = Fixtures.input(name + ".event.yml", Fixtures.read(CASES.resolve(name + ".event.yml")));
            Pipelines.PlanResult result = Pipelines.plan(
                    Pipelines.load(".slipway.yml", Fixtures.read(CASES.resolve(name + ".yml"))), input.event(),
                    input.context());
            Optional<BuildPlan> readBack = result.plan().map(plan -> PlanJson.read(PlanJson.plan(plan)));

            assertThat(readBack).isEqualTo(result.plan());
            assertThat(PlanJson.render(result.decision(), readBack, result.problems()))
                    .isEqualTo(Fixtures.read(CASES.resolve(name + ".plan.json")));
        }));
    }

    @Test
    void theGoldenCasesIncludePlansWithEveryKindOfStepServiceAndVariable() throws IOException {
        // Verifies that the round trip above exercises each part of a plan, so that no field goes unread untested.
        List<BuildPlan> plans = new ArrayList<>();
        for (String name : cases()) {
            Fixtures.Input input = Fixtures.input(name + ".event.yml", Fixtures.read(CASES.resolve(name + ".event.yml")));
            Pipelines.plan(Pipelines.load(".slipway.yml", Fixtures.read(CASES.resolve(name + ".yml"))), input.event(),
                    input.context()).plan().ifPresent(plans::add);
        }
        List<BuildPlan.PlanStep> steps = plans.stream().flatMap(p -> p.steps().stream()).toList();
        assertThat(steps).hasAtLeastOneElementOfType(BuildPlan.RunStep.class)
                .hasAtLeastOneElementOfType(BuildPlan.PushStep.class)
                .hasAtLeastOneElementOfType(BuildPlan.ReleaseStep.class);
        assertThat(steps).anyMatch(s -> s.timeout().isPresent());
        assertThat(plans).anyMatch(p -> p.services().stream().anyMatch(s -> s.healthcheck().isPresent()));
        assertThat(plans).anyMatch(p -> p.services().stream().anyMatch(s -> s.sysctls().size() > 1));
        assertThat(plans).anyMatch(p -> p.services().stream().anyMatch(s -> !s.dependsOn().isEmpty()));
        assertThat(plans).anyMatch(p -> p.images().stream().anyMatch(i -> i.target().isPresent()));
        assertThat(plans).anyMatch(p -> p.images().stream().anyMatch(i -> i.buildArgs().stream()
                .anyMatch(v -> v.secret().isPresent())));
        assertThat(plans).anyMatch(p -> p.stages().stream().anyMatch(s -> s.lanes().size() > 1));
        assertThat(plans).anyMatch(p -> p.stages().stream().anyMatch(s -> s.timeout().isPresent()));
        assertThat(plans).anyMatch(p -> !p.warnings().isEmpty());
        assertThat(plans).anyMatch(p -> !p.trigger().tag().isEmpty());
    }

    @Test
    void readsNumbersAsAnyJsonLibraryDecodesThem() {
        // Verifies that a build number decoded as an Integer (as Jackson does for small numbers) reads the same.
        BuildPlan plan = samplePlan();
        Map<String, Object> json = PlanJson.plan(plan);
        json.put("build_number", 42);

        assertThat(PlanJson.read(json)).isEqualTo(plan);
    }

    @Test
    void readsCacheSourcesAndTheHostNetworkWhichNoGoldenCaseUses() {
        // Verifies the two fields the golden cases leave at their defaults: cache_from and host_network.
        Map<String, Object> json = mutable(PlanJson.plan(samplePlan()));
        ((Map<String, Object>) ((List<?>) json.get("images")).getFirst()).put("cache_from",
                List.of("registry.example.com/team/app:latest", "app:cache"));
        ((Map<String, Object>) ((List<?>) json.get("services")).getFirst()).put("host_network", true);

        BuildPlan plan = PlanJson.read(json);

        assertThat(plan.images().getFirst().cacheFrom())
                .containsExactly("registry.example.com/team/app:latest", "app:cache");
        assertThat(plan.services().getFirst().hostNetwork()).isTrue();
        assertThat(PlanJson.plan(plan)).isEqualTo(json);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        // Verifies forward compatibility: a plan from a newer compiler, with an extra field, still reads.
        BuildPlan plan = samplePlan();
        Map<String, Object> json = PlanJson.plan(plan);
        json.put("added_later", Map.of("anything", List.of(1, 2)));

        assertThat(PlanJson.read(json)).isEqualTo(plan);
    }

    @Test
    void namesAMissingTopLevelField() {
        // Verifies that the error of a plan without its build id says which field is missing.
        assertMalformed(json -> json.remove("build_id"), "plan.build_id: missing");
    }

    @Test
    void reportsTheFirstProblemInTheOrderTheFieldsAreWritten() {
        // Verifies that of several missing fields, the one nearest the top of the JSON text is named.
        assertMalformed(json -> {
            json.remove("warnings");
            json.remove("trigger");
            json.remove("build_number");
        }, "plan.build_number: missing");
        assertMalformed(json -> {
            step(json, 0, 0, 0).remove("timeout");
            step(json, 0, 0, 0).remove("commands");
        }, "plan.stages[0].lanes[0][0].commands: missing");
    }

    @Test
    void namesAMissingFieldDeepInsideAStep() {
        // Verifies that the path of a missing field leads through stages, lanes and steps to the field.
        assertMalformed(json -> step(json, 0, 0, 0).remove("kind"), "plan.stages[0].lanes[0][0].kind: missing");
    }

    @Test
    void saysWhatTypeAFieldShouldHaveHad() {
        // Verifies a wrong type: a timeout given as a number instead of an ISO-8601 string.
        assertMalformed(json -> json.put("timeout", 3600), "plan.timeout: must be a string, was a number");
    }

    @Test
    void refusesAnUnknownStepKindAndAnUnknownStatusNamingTheAllowedOnes() {
        // Verifies that values outside the plan's vocabulary are refused with what would have been allowed.
        assertMalformed(json -> step(json, 0, 0, 0).put("kind", "deploy"),
                "plan.stages[0].lanes[0][0].kind: must be one of [run, push, release], was 'deploy'");
        assertMalformed(json -> step(json, 0, 0, 0).put("runs_on", List.of("success", "always")),
                "plan.stages[0].lanes[0][0].runs_on[1]: must be one of [success, failure], was 'always'");
    }

    @Test
    void refusesBadDurationsInstantsAndImageUses() {
        // Verifies the value checks: ISO-8601 durations and instants, and an image that is both built and pulled.
        assertMalformed(json -> json.put("timeout", "1h"),
                "plan.timeout: must be an ISO-8601 duration such as PT1H, was '1h'");
        assertMalformed(json -> json.put("created_at", "yesterday"),
                "plan.created_at: must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was 'yesterday'");
        assertMalformed(json -> step(json, 0, 0, 0).put("image", Map.of("built", "app", "pull", "busybox")),
                "plan.stages[0].lanes[0][0].image: must have exactly one of 'built' and 'pull'");
    }

    @Test
    void refusesAVariableThatIsNeitherAValueNorASecret() {
        // Verifies the variable form: a string, or an object with a secret's name.
        assertMalformed(json -> ((Map<String, Object>) ((List<?>) json.get("images")).getFirst())
                        .put("build_args", Map.of("TOKEN", 7)),
                "plan.images[0].build_args.TOKEN: must be a string or {\"secret\": name}, was a number");
    }

    @Test
    void refusesSomethingThatIsNotAPlanAtAll() {
        // Verifies that a lane that is not a list is named, rather than failing with a ClassCastException.
        assertMalformed(json -> ((Map<String, Object>) ((List<?>) json.get("stages")).getFirst())
                .put("lanes", List.of("test")), "plan.stages[0].lanes[0]: must be a list of steps, was a string");
    }

    private static void assertMalformed(Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> json = mutable(PlanJson.plan(samplePlan()));
        change.accept(json);
        assertThatThrownBy(() -> PlanJson.read(json)).isInstanceOf(MalformedPlanException.class).hasMessage(message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> step(Map<String, Object> json, int stage, int lane, int step) {
        Map<String, Object> stageJson = (Map<String, Object>) ((List<?>) json.get("stages")).get(stage);
        return (Map<String, Object>) ((List<?>) ((List<?>) stageJson.get("lanes")).get(lane)).get(step);
    }

    /** A deep copy whose maps and lists can be changed. */
    @SuppressWarnings("unchecked")
    private static <T> T mutable(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, mutable(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(mutable(item)));
            return (T) copy;
        }
        return value;
    }

    private static BuildPlan samplePlan() {
        Fixtures.Input input = Fixtures.input("design-sketch.event.yml",
                Fixtures.read(CASES.resolve("design-sketch.event.yml")));
        return Pipelines.plan(Pipelines.load(".slipway.yml", Fixtures.read(CASES.resolve("design-sketch.yml"))),
                input.event(), input.context()).plan().orElseThrow();
    }

    private static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") && !n.endsWith(".event.yml"))
                    .map(n -> n.substring(0, n.length() - ".yml".length())).sorted().toList();
        }
    }
}
