package dev.slipway.cli;

import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.StepMatch;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** A decision for people: the verdict and its rule, the library's sentence, and every step's match. */
final class DecisionText {

    private DecisionText() {
    }

    static void print(Decision decision, PrintWriter out) {
        out.println("Decision: " + decision.verdict().label() + " (rule " + decision.rule() + ")");
        out.println("  " + decision.reason());
        if (decision.steps().isEmpty()) {
            return;
        }
        out.println("Steps:");
        Map<String, String> groupOf = new HashMap<>();
        decision.steps().forEach(s -> groupOf.put(s.name(), s.group()));
        int width = decision.steps().stream().mapToInt(s -> s.name().length() + 2 * depth(s, groupOf)).max().orElse(0);
        int kindWidth = decision.steps().stream().mapToInt(s -> s.kind().length()).max().orElse(0);
        for (StepMatch step : decision.steps()) {
            String name = "  ".repeat(depth(step, groupOf)) + step.name();
            String outcome = step.matched() ? "matches" : "does not match: " + step.reason();
            out.println("  " + pad(name, width) + "  " + pad(step.kind(), kindWidth) + "  " + outcome + "  ("
                    + step.location() + ")");
        }
    }

    /** How deep a step sits in groups, to indent it under its group. */
    private static int depth(StepMatch step, Map<String, String> groupOf) {
        int depth = 0;
        String group = step.group();
        // Names are unique across the pipeline, so the chain ends; the bound guards a malformed decision.
        while (!group.isEmpty() && depth < groupOf.size()) {
            depth++;
            group = groupOf.getOrDefault(group, "");
        }
        return depth;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
