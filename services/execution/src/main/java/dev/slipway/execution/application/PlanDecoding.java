package dev.slipway.execution.application;

import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.MalformedPlanException;
import dev.slipway.pipeline.plan.PlanJson;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns the JSON text of a stored plan back into the {@link BuildPlan} that filtering compiled. */
final class PlanDecoding {

    private PlanDecoding() {
    }

    /** The plan, or why it cannot be read. */
    sealed interface Decoded {
    }

    record Read(BuildPlan plan) implements Decoded {
    }

    /** @param reason what is wrong with it, naming the field */
    record Unreadable(String reason) implements Decoded {
    }

    static Decoded decode(String json) {
        Map<String, Object> tree;
        try {
            tree = JsonMapper.shared().readValue(json, Map.class);
        } catch (JacksonException e) {
            return new Unreadable("it is not a JSON object: " + e.getOriginalMessage());
        }
        if (tree == null) {
            return new Unreadable("it is null");
        }
        try {
            return new Read(PlanJson.read(tree));
        } catch (MalformedPlanException e) {
            return new Unreadable(e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            // The plan's own records refused a value that the JSON form allowed.
            return new Unreadable(e.getMessage());
        }
    }
}
