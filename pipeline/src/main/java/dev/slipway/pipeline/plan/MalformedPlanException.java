package dev.slipway.pipeline.plan;

/**
 * A plan's JSON form that {@link PlanJson#read} cannot turn back into a {@link BuildPlan}: a field
 * is missing, has the wrong type, or holds a value the plan does not allow. The message names the
 * field by its path, such as {@code plan.stages[1].lanes[0][2].kind: missing}.
 */
public final class MalformedPlanException extends IllegalArgumentException {

    private final String path;

    MalformedPlanException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** Where in the plan the problem is, such as {@code plan.images[0].key}. */
    public String path() {
        return path;
    }
}
