package dev.slipway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinesTest {

    private static final PlanContext CONTEXT = new PlanContext("b-1", 1, Instant.parse("2026-01-31T00:00:00Z"), "acme", "app");

    private static final String PUSHING = """
            version: 1
            images:
              app: { target: release }
            steps:
              - name: push
                push: { image: app, to: registry.example.com/acme/app, tags: ["{{ .CommitID }}"] }
                when: { branch: main }
            """;

    @Test
    void aPlanSaysWhichBuiltImageIsPushedWhereUnderWhichTags() {
        // Round 2: before anything runs, the plan names the image built and the resolved reference it is pushed as.
        Pipelines.PlanResult result = Pipelines.plan(Pipelines.load(".slipway.yml", PUSHING),
                Event.push("main", "abc123", "x"), CONTEXT);

        BuildPlan plan = result.plan().orElseThrow();
        assertThat(plan.images()).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo("app");
            assertThat(i.target()).contains("release");
        });
        assertThat(plan.pushes()).singleElement().satisfies(p -> {
            assertThat(p.image()).isEqualTo("app");
            assertThat(p.references()).containsExactly("registry.example.com/acme/app:abc123");
        });
    }

    @Test
    void aSkipDecisionHasNoPlan() {
        // Nothing is compiled for an event that does not run, so no executor is ever used for nothing.
        Pipelines.PlanResult result = Pipelines.plan(Pipelines.load(".slipway.yml", PUSHING), Event.tag("v1.0.0", "abc"), CONTEXT);

        assertThat(result.decision().runs()).isFalse();
        assertThat(result.plan()).isEmpty();
        assertThat(result.toJson()).contains("\"plan\": null");
    }

    @Test
    void codeshipFilesLoadThroughTheFacadeIntoTheSameModel() {
        // Codeship Pro files are recognised by name and read by the Codeship reader, not misread as native.
        Pipelines.Loaded loaded = Pipelines.load(List.of(
                new PipelineFile("codeship-services.yml", "app:\n  build:\n    image: acme/app\n"),
                new PipelineFile("ci/codeship-steps.json", "[{\"service\": \"app\", \"command\": \"make\"}]")));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.isRunnable()).isTrue();
        assertThat(loaded.pipeline().orElseThrow().format()).isEqualTo(Pipeline.Format.CODESHIP);
    }

    @Test
    void aSecondPipelineFileIsReportedNotMerged() {
        // One pipeline is one file: a second is named as not read, never silently combined.
        Pipelines.Loaded loaded = Pipelines.load(List.of(new PipelineFile(".slipway.yml", PUSHING),
                new PipelineFile("other.slipway.yml", PUSHING)));

        assertThat(loaded.problems()).extracting(Problem::code).containsExactly("format.unsupported");
        assertThat(loaded.problems().getFirst().location().file()).isEqualTo("other.slipway.yml");
        assertThat(loaded.isRunnable()).isFalse();
    }

    @Test
    void aValidPipelineLoadsWithoutProblemsAndIsRunnable() {
        // The happy path: a model and nothing to report.
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", PUSHING);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.isRunnable()).isTrue();
    }

    @Test
    void theModelCarriesTheLocationOfEveryElement() {
        // Lint rules and decisions point at the file, so the model must know where each thing was written.
        var pipeline = Pipelines.load(".slipway.yml", PUSHING).pipeline().orElseThrow();

        assertThat(pipeline.images().getFirst().location().toString()).isEqualTo(".slipway.yml:3:3");
        assertThat(pipeline.steps().getFirst().location().toString()).isEqualTo(".slipway.yml:5:5");
        assertThat(pipeline.steps().getFirst().when().location().toString()).isEqualTo(".slipway.yml:7:11");
    }
}
