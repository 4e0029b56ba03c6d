package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The seed: the sonyflake Codeship project, checked field by field rather than only as a golden file. */
class SeedCaseTest {

    private static final String SHA = "abc1230000000000000000000000000000000042";
    private static final Path SEED = CodeshipProject.RESOURCES.resolve("compile/seed-push-master");
    private static final PlanContext CONTEXT = new PlanContext("build-42", 42, Instant.parse("2026-01-31T12:00:00Z"),
            "titpetric", "sonyflake");

    private static Pipelines.PlanResult plan(Event event) {
        return Pipelines.plan(CodeshipProject.load(CodeshipProject.filesIn(SEED)), event, CONTEXT);
    }

    @Test
    void aPushToMasterPushesTheImageBuiltForSonyflakeTaggedWithTheCommit() {
        // The push step sends the image built for service `sonyflake` to titpetric/sonyflake:<commit>.
        Pipelines.PlanResult result = plan(Event.push("master", SHA, "Release"));

        assertThat(result.decision().runs()).isTrue();
        BuildPlan plan = result.plan().orElseThrow();
        assertThat(plan.images()).extracting(BuildPlan.PlanImage::image).containsExactly("sonyflake");
        BuildPlan.PushStep push = plan.stages().stream().flatMap(s -> s.lanes().stream()).flatMap(l -> l.steps().stream())
                .filter(BuildPlan.PushStep.class::isInstance).map(BuildPlan.PushStep.class::cast).findFirst().orElseThrow();
        assertThat(push.image()).isEqualTo("sonyflake");
        assertThat(push.to()).isEqualTo("titpetric/sonyflake");
        assertThat(push.tags()).containsExactly(SHA);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aPushToAnotherBranchIsSkippedBecauseNoStepMatches() {
        // The serial group is filtered by `tag: master`, so nothing runs on feature/ids, and the reason says why.
        Pipelines.PlanResult result = plan(Event.push("feature/ids", SHA, "Try"));

        assertThat(result.plan()).isEmpty();
        assertThat(result.decision().reason()).isEqualTo("skipped: no step matches push to branch `feature/ids`."
                + " Step `serial-1` requires branch or tag `master`");
    }

    @Test
    void aTagEventIsSkippedBecauseNoStepMatches() {
        // On a tag build the filter is matched against the tag, which is not `master`.
        Pipelines.PlanResult result = plan(Event.tag("v1.0.0", SHA));

        assertThat(result.plan()).isEmpty();
        assertThat(result.decision().reason()).isEqualTo("skipped: no step matches tag `v1.0.0`."
                + " Step `serial-1` requires branch or tag `master`");
    }
}
