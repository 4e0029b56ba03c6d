package dev.slipway.execution.testing;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.plan.PlanJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans for tests, compiled from pipeline files by the pipeline library as filtering compiles
 * them: a push to {@code main} of {@code acme/app}, build number 7.
 */
public final class TestPlans {

    private TestPlans() {
    }

    /** The plan of {@code pipeline} for build {@code buildId} of {@code commit}. */
    public static BuildPlan compile(String pipeline, UUID buildId, String commit) {
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", pipeline);
        if (!loaded.errors().isEmpty()) {
            throw new IllegalArgumentException("the test's pipeline has errors: " + loaded.errors());
        }
        Event push = new Event(EventType.PUSH, "main", "", "", commit, "a change", List.of("a change"), List.of(),
                "someone", false);
        Pipelines.PlanResult result = Pipelines.plan(loaded, push, new PlanContext(buildId.toString(), 7,
                Instant.parse("2026-01-31T12:00:00Z"), "acme", "app"));
        return result.plan().orElseThrow(() -> new IllegalArgumentException("the test's pipeline does not run: "
                + result.decision().reason()));
    }

    /**
     * {@code plan} with the image {@code key} built from {@code context} and {@code dockerfile}, as no
     * lint would let a pipeline file say: for the executor's own checks.
     */
    public static BuildPlan withImage(BuildPlan plan, String key, String context, String dockerfile) {
        return withImages(plan, plan.images().stream().map(i -> i.key().equals(key)
                ? new BuildPlan.PlanImage(i.key(), i.image(), context, dockerfile, i.target(), i.buildArgs(),
                i.cacheFrom()) : i).toList());
    }

    /** {@code plan} building {@code images}, whether or not its steps use them, as the compiler would not. */
    public static BuildPlan withImages(BuildPlan plan, List<BuildPlan.PlanImage> images) {
        return new BuildPlan(plan.buildId(), plan.buildNumber(), plan.createdAt(), plan.repository(), plan.trigger(),
                plan.cancelPrevious(), images, plan.services(), plan.stages(), plan.secrets(), plan.timeout(),
                plan.warnings());
    }

    /** The plan's JSON text, as the run table keeps it. */
    public static String json(BuildPlan plan) {
        return PlanJson.render(plan);
    }

    /** The plan's JSON tree, as {@code BuildRequested} carries it. */
    public static JsonNode tree(BuildPlan plan) {
        return JsonMapper.shared().readTree(json(plan));
    }
}
