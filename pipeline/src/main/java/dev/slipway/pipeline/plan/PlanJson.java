package dev.slipway.pipeline.plan;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.StepMatch;
import dev.slipway.pipeline.model.StepStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of decisions, plans and problems: written by hand so that the library needs no JSON
 * library, with a fixed key order, two-space indentation and a final newline, so that golden files
 * compare byte for byte. Keys use snake_case; absent values are {@code null}; durations are
 * ISO-8601 ({@code PT1H}); instants are ISO-8601 UTC.
 */
public final class PlanJson {

    private PlanJson() {
    }

    /** {@code {"decision": ..., "plan": ... or null, "problems": [...]}}. */
    public static String render(Decision decision, Optional<BuildPlan> plan, List<Problem> problems) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("decision", decision(decision));
        root.put("plan", plan.map(PlanJson::plan).orElse(null));
        root.put("problems", problems.stream().map(PlanJson::problem).toList());
        return write(root);
    }

    public static String render(BuildPlan plan) {
        return write(plan(plan));
    }

    public static Map<String, Object> decision(Decision decision) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", decision.verdict().label());
        json.put("rule", decision.rule());
        json.put("reason", decision.reason());
        json.put("steps", decision.steps().stream().map(PlanJson::stepMatch).toList());
        return json;
    }

    private static Map<String, Object> stepMatch(StepMatch match) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", match.name());
        json.put("group", match.group().isEmpty() ? null : match.group());
        json.put("kind", match.kind());
        json.put("matched", match.matched());
        json.put("reason", match.reason().isEmpty() ? null : match.reason());
        json.put("location", match.location().toString());
        return json;
    }

    public static Map<String, Object> problem(Problem problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", problem.severity().label());
        json.put("code", problem.code());
        json.put("location", problem.location().toString());
        json.put("message", problem.message());
        json.put("hint", problem.hint().isEmpty() ? null : problem.hint());
        return json;
    }

    public static Map<String, Object> plan(BuildPlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("build_id", plan.buildId());
        json.put("build_number", plan.buildNumber());
        json.put("created_at", plan.createdAt().toString());
        json.put("repository", plan.repository());
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("event", plan.trigger().event().label());
        trigger.put("branch", blankToNull(plan.trigger().branch()));
        trigger.put("tag", blankToNull(plan.trigger().tag()));
        trigger.put("commit", plan.trigger().commit());
        json.put("trigger", trigger);
        json.put("cancel_previous", plan.cancelPrevious());
        json.put("timeout", plan.timeout().toString());
        json.put("images", plan.images().stream().map(PlanJson::image).toList());
        json.put("services", plan.services().stream().map(PlanJson::service).toList());
        json.put("stages", plan.stages().stream().map(PlanJson::stage).toList());
        json.put("secrets", plan.secrets().stream().map(s -> {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("secret", s.secret());
            secret.put("used_by", s.usedBy());
            secret.put("as", s.as());
            return secret;
        }).toList());
        json.put("warnings", plan.warnings().stream().map(PlanJson::problem).toList());
        return json;
    }

    private static Map<String, Object> image(BuildPlan.PlanImage image) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", image.key());
        json.put("image", image.image());
        json.put("context", image.context());
        json.put("dockerfile", image.dockerfile());
        json.put("target", image.target().orElse(null));
        json.put("build_args", variables(image.buildArgs()));
        json.put("cache_from", image.cacheFrom());
        return json;
    }

    private static Map<String, Object> service(BuildPlan.PlanService service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", service.name());
        json.put("image", use(service.image()));
        json.put("environment", variables(service.environment()));
        Map<String, Object> sysctls = new LinkedHashMap<>();
        service.sysctls().forEach(s -> sysctls.put(s.key(), s.value()));
        json.put("sysctls", sysctls);
        json.put("healthcheck", service.healthcheck().map(h -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("command", h.command());
            check.put("interval", h.interval().toString());
            check.put("timeout", h.timeout().toString());
            check.put("retries", h.retries());
            return (Object) check;
        }).orElse(null));
        json.put("depends_on", service.dependsOn());
        json.put("host_network", service.hostNetwork());
        return json;
    }

    private static Map<String, Object> stage(BuildPlan.Stage stage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", stage.name());
        json.put("timeout", stage.timeout().map(Duration::toString).orElse(null));
        json.put("lanes", stage.lanes().stream().map(l -> l.steps().stream().map(PlanJson::step).toList()).toList());
        return json;
    }

    private static Map<String, Object> step(BuildPlan.PlanStep step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", step.name());
        switch (step) {
            case BuildPlan.RunStep run -> {
                json.put("kind", "run");
                json.put("image", use(run.image()));
                json.put("commands", run.commands());
                json.put("environment", variables(run.environment()));
                json.put("services", run.services());
            }
            case BuildPlan.PushStep push -> {
                json.put("kind", "push");
                json.put("image", push.image());
                json.put("to", push.to());
                json.put("tags", push.tags());
                json.put("credential", push.credential().orElse(null));
            }
            case BuildPlan.ReleaseStep release -> {
                json.put("kind", "release");
                json.put("tag", release.tag());
                json.put("notes", release.notes());
            }
        }
        json.put("runs_on", step.runsOn().stream().map(StepStatus::label).toList());
        json.put("timeout", step.timeout().map(Duration::toString).orElse(null));
        return json;
    }

    private static Map<String, Object> use(BuildPlan.ImageUse use) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(use.built() ? "built" : "pull", use.name());
        return json;
    }

    private static Map<String, Object> variables(List<BuildPlan.Variable> variables) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (BuildPlan.Variable variable : variables) {
            if (variable.secret().isPresent()) {
                json.put(variable.name(), Map.of("secret", variable.secret().get()));
            } else {
                json.put(variable.name(), variable.value().orElseThrow());
            }
        }
        return json;
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    // --- writing ------------------------------------------------------------------------------

    /** Writes maps (in their iteration order), lists, strings, numbers, booleans and nulls. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, out);
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                String inner = indent + "  ";
                int i = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(inner);
                    string(String.valueOf(entry.getKey()), out);
                    out.append(": ");
                    write(entry.getValue(), out, inner);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append(indent).append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                String inner = indent + "  ";
                for (int i = 0; i < list.size(); i++) {
                    out.append(inner);
                    write(list.get(i), out, inner);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.append(indent).append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
