package dev.slipway.execution.domain;

import dev.slipway.pipeline.plan.BuildPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The secrets whose values a plan's containers and images need: those named by variables of
 * images' build arguments, services' environments and {@code run} steps' environments. A push's
 * registry credential is not among them; the registry credentials port serves it.
 */
public final class PlanSecrets {

    private PlanSecrets() {
    }

    /** The names, sorted. */
    public static SortedSet<String> used(BuildPlan plan) {
        Stream<BuildPlan.Variable> images = plan.images().stream().flatMap(i -> i.buildArgs().stream());
        Stream<BuildPlan.Variable> services = plan.services().stream().flatMap(s -> s.environment().stream());
        Stream<BuildPlan.Variable> steps = plan.steps().stream()
                .flatMap(s -> s instanceof BuildPlan.RunStep run ? run.environment().stream() : Stream.empty());
        TreeSet<String> names = new TreeSet<>();
        Stream.of(images, services, steps).flatMap(s -> s)
                .forEach(variable -> variable.secret().ifPresent(names::add));
        return names;
    }

    /** The variables' values: literal ones as written, secret ones from {@code secrets} by name. */
    public static Map<String, String> values(List<BuildPlan.Variable> variables,
                                                       Map<String, String> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        for (BuildPlan.Variable variable : variables) {
            String value = variable.value().orElseGet(() -> {
                String secret = variable.secret().orElseThrow();
                String resolved = secrets.get(secret);
                if (resolved == null) {
                    throw new IllegalArgumentException("secret " + secret + " of variable " + variable.name()
                            + " was not resolved");
                }
                return resolved;
            });
            values.put(variable.name(), value);
        }
        return values;
    }
}
