package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The plans that Codeship projects compile to read back from their JSON form unchanged. */
class CodeshipPlansReadBackTest {

    private static final Path CASES = Fixtures.resources("codeship/compile");

    @TestFactory
    Stream<DynamicTest> everyCodeshipGoldenPlanReadsBackToTheSamePlanAndGoldenJson() throws IOException {
        // Verifies PlanJson.read over the Codeship golden cases too: equal records, byte-equal golden file.
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                        Fixtures.Input input = Fixtures.input("event.yml", Fixtures.read(dir.resolve("event.yml")));
                        Pipelines.PlanResult result = Pipelines.plan(
                                CodeshipProject.load(CodeshipProject.filesIn(dir)), input.event(), input.context());
                        Optional<BuildPlan> readBack = result.plan().map(p -> PlanJson.read(PlanJson.plan(p)));

                        assertThat(readBack).isEqualTo(result.plan());
                        assertThat(PlanJson.render(result.decision(), readBack, result.problems()))
                                .isEqualTo(Fixtures.read(dir.resolve("plan.json")));
                    }));
        }
    }
}
