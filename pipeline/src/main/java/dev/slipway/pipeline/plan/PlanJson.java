package dev.slipway.pipeline.plan;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.StepMatch;
import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.lint.Severity;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.source.Location;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of decisions, plans and problems: written by hand so that the library needs no JSON
 * library, with a fixed key order, two-space indentation and a final newline, so that golden files
 * compare byte for byte. Keys use snake_case; absent values are {@code null}; durations are
 * ISO-8601 ({@code PT1H}); instants are ISO-8601 UTC.
 *
 * <p>{@link #read} turns the tree that {@link #plan} makes back into the plan, from maps, lists,
 * strings, numbers, booleans and nulls as any JSON library decodes them, so that execution can run
 * what filtering compiled without the library depending on one.
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

    // --- reading ------------------------------------------------------------------------------

    /**
     * The plan that {@link #plan} wrote as {@code json}: the inverse of {@link #plan}, so that
     * {@code read(plan(p))} equals {@code p}. Keys it does not know are ignored, so that a plan
     * written by a newer compiler with more fields is still read.
     *
     * @param json the plan object as maps ({@code String} keys), lists, strings, numbers, booleans
     *             and nulls
     * @throws MalformedPlanException naming the first field that is missing, of the wrong type or
     *                                not a valid value
     */
    public static BuildPlan read(Map<String, ?> json) {
        // Fields are read in the order plan() writes them, so that the first problem reported is the first in the text.
        Fields plan = new Fields("plan", json);
        String buildId = plan.text("build_id");
        long buildNumber = plan.integer("build_number");
        Instant createdAt = plan.instant("created_at");
        String repository = plan.text("repository");
        Fields trigger = plan.object("trigger");
        BuildPlan.Trigger event = new BuildPlan.Trigger(trigger.label("event", EventType::fromLabel, EventType.labels()),
                trigger.optionalText("branch").orElse(""), trigger.optionalText("tag").orElse(""),
                trigger.text("commit"));
        boolean cancelPrevious = plan.bool("cancel_previous");
        Duration timeout = plan.duration("timeout");
        List<BuildPlan.PlanImage> images = plan.objects("images", PlanJson::readImage);
        List<BuildPlan.PlanService> services = plan.objects("services", PlanJson::readService);
        List<BuildPlan.Stage> stages = plan.objects("stages", PlanJson::readStage);
        List<BuildPlan.SecretReference> secrets = plan.objects("secrets", secret -> new BuildPlan.SecretReference(
                secret.text("secret"), secret.text("used_by"), secret.text("as")));
        List<Problem> warnings = plan.objects("warnings", PlanJson::readProblem);
        return new BuildPlan(buildId, buildNumber, createdAt, repository, event, cancelPrevious, images, services,
                stages, secrets, timeout, warnings);
    }

    private static BuildPlan.PlanImage readImage(Fields image) {
        return new BuildPlan.PlanImage(image.text("key"), image.text("image"), image.text("context"),
                image.text("dockerfile"), image.optionalText("target"), image.variables("build_args"),
                image.texts("cache_from"));
    }

    private static BuildPlan.PlanService readService(Fields service) {
        String name = service.text("name");
        BuildPlan.ImageUse image = service.use("image");
        List<BuildPlan.Variable> environment = service.variables("environment");
        List<BuildPlan.Sysctl> sysctls = new ArrayList<>();
        Fields values = service.object("sysctls");
        values.keys().forEach(key -> sysctls.add(new BuildPlan.Sysctl(key, values.text(key))));
        Optional<BuildPlan.Healthcheck> healthcheck = service.optionalObject("healthcheck")
                .map(check -> new BuildPlan.Healthcheck(check.text("command"), check.duration("interval"),
                        check.duration("timeout"), Math.toIntExact(check.integer("retries"))));
        return new BuildPlan.PlanService(name, image, environment, sysctls, healthcheck, service.texts("depends_on"),
                service.bool("host_network"));
    }

    private static BuildPlan.Stage readStage(Fields stage) {
        String name = stage.text("name");
        Optional<Duration> timeout = stage.optionalDuration("timeout");
        List<BuildPlan.Lane> lanes = new ArrayList<>();
        List<?> items = stage.list("lanes");
        for (int i = 0; i < items.size(); i++) {
            String lanePath = stage.path("lanes") + "[" + i + "]";
            if (!(items.get(i) instanceof List<?> steps)) {
                throw new MalformedPlanException(lanePath, "must be a list of steps, was " + kind(items.get(i)));
            }
            List<BuildPlan.PlanStep> laneSteps = new ArrayList<>();
            for (int j = 0; j < steps.size(); j++) {
                String stepPath = lanePath + "[" + j + "]";
                laneSteps.add(readStep(Fields.of(stepPath, steps.get(j))));
            }
            lanes.add(new BuildPlan.Lane(laneSteps));
        }
        return new BuildPlan.Stage(name, lanes, timeout);
    }

    private static BuildPlan.PlanStep readStep(Fields step) {
        String name = step.text("name");
        String kind = step.text("kind");
        // Arguments are evaluated left to right: each kind's fields, then runs_on and timeout, as written.
        return switch (kind) {
            case "run" -> new BuildPlan.RunStep(name, step.use("image"), step.texts("commands"),
                    step.variables("environment"), step.texts("services"), runsOn(step),
                    step.optionalDuration("timeout"));
            case "push" -> new BuildPlan.PushStep(name, step.text("image"), step.text("to"), step.texts("tags"),
                    step.optionalText("credential"), runsOn(step), step.optionalDuration("timeout"));
            case "release" -> new BuildPlan.ReleaseStep(name, step.text("tag"), step.text("notes"), runsOn(step),
                    step.optionalDuration("timeout"));
            default -> throw new MalformedPlanException(step.path("kind"),
                    "must be one of [run, push, release], was '" + kind + "'");
        };
    }

    private static List<StepStatus> runsOn(Fields step) {
        return step.labels("runs_on", StepStatus::fromLabel,
                List.of(StepStatus.SUCCESS.label(), StepStatus.FAILURE.label()));
    }

    private static Problem readProblem(Fields problem) {
        String severity = problem.text("severity");
        Severity parsed = switch (severity) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            default -> throw new MalformedPlanException(problem.path("severity"),
                    "must be one of [error, warning], was '" + severity + "'");
        };
        String code = problem.text("code");
        Location location = problem.location("location");
        return new Problem(parsed, code, problem.text("message"), location, problem.optionalText("hint").orElse(""));
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> "a string";
            case Number number -> "a number";
            case Boolean bool -> "a boolean";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "a list";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /** The fields of one JSON object, read with the object's path in every error. */
    private record Fields(String at, Map<?, ?> values) {

        static Fields of(String path, Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new MalformedPlanException(path, "must be an object, was " + kind(value));
            }
            return new Fields(path, map);
        }

        String path(String key) {
            return at + "." + key;
        }

        List<String> keys() {
            return values.keySet().stream().map(String::valueOf).toList();
        }

        private Object required(String key) {
            Object value = values.get(key);
            if (value == null) {
                throw new MalformedPlanException(path(key), values.containsKey(key) ? "must not be null" : "missing");
            }
            return value;
        }

        private <T> T typed(String key, Class<T> type, String expected) {
            Object value = required(key);
            if (!type.isInstance(value)) {
                throw new MalformedPlanException(path(key), "must be " + expected + ", was " + kind(value));
            }
            return type.cast(value);
        }

        String text(String key) {
            return typed(key, String.class, "a string");
        }

        Optional<String> optionalText(String key) {
            return optional(key, this::text);
        }

        boolean bool(String key) {
            return typed(key, Boolean.class, "a boolean");
        }

        long integer(String key) {
            Number number = typed(key, Number.class, "a number");
            double asDouble = number.doubleValue();
            if (asDouble != Math.rint(asDouble) || Math.abs(asDouble) > Long.MAX_VALUE) {
                throw new MalformedPlanException(path(key), "must be a whole number, was " + number);
            }
            return number.longValue();
        }

        Instant instant(String key) {
            return parsed(key, Instant::parse, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }

        Duration duration(String key) {
            return parsed(key, Duration::parse, "an ISO-8601 duration such as PT1H");
        }

        Optional<Duration> optionalDuration(String key) {
            return optional(key, this::duration);
        }

        private <T> T parsed(String key, Function<String, T> parse, String expected) {
            String text = text(key);
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new MalformedPlanException(path(key), "must be " + expected + ", was '" + text + "'");
            }
        }

        /** The field read by {@code read}, or empty when it is absent or null. */
        private <T> Optional<T> optional(String key, Function<String, T> read) {
            return values.get(key) == null ? Optional.empty() : Optional.of(read.apply(key));
        }

        Location location(String key) {
            String text = text(key);
            int column = text.lastIndexOf(':');
            int line = column < 0 ? -1 : text.lastIndexOf(':', column - 1);
            try {
                return new Location(text.substring(0, line), Integer.parseInt(text.substring(line + 1, column)),
                        Integer.parseInt(text.substring(column + 1)));
            } catch (RuntimeException e) {
                throw new MalformedPlanException(path(key), "must be file:line:column, was '" + text + "'");
            }
        }

        <T> T label(String key, Function<String, Optional<T>> parse, List<String> allowed) {
            String text = text(key);
            return parse.apply(text).orElseThrow(() -> new MalformedPlanException(path(key),
                    "must be one of " + allowed + ", was '" + text + "'"));
        }

        <T> List<T> labels(String key, Function<String, Optional<T>> parse, List<String> allowed) {
            List<String> texts = texts(key);
            List<T> parsed = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                String at = path(key) + "[" + i + "]";
                parsed.add(parse.apply(text).orElseThrow(() -> new MalformedPlanException(at,
                        "must be one of " + allowed + ", was '" + text + "'")));
            }
            return parsed;
        }

        Fields object(String key) {
            return of(path(key), required(key));
        }

        Optional<Fields> optionalObject(String key) {
            return optional(key, this::object);
        }

        List<?> list(String key) {
            return typed(key, List.class, "a list");
        }

        List<String> texts(String key) {
            List<?> items = list(key);
            List<String> texts = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String text)) {
                    throw new MalformedPlanException(path(key) + "[" + i + "]", "must be a string, was "
                            + kind(items.get(i)));
                }
                texts.add(text);
            }
            return texts;
        }

        <T> List<T> objects(String key, Function<Fields, T> read) {
            List<?> items = list(key);
            List<T> objects = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String at = path(key) + "[" + i + "]";
                objects.add(read.apply(of(at, items.get(i))));
            }
            return objects;
        }

        BuildPlan.ImageUse use(String key) {
            Fields use = object(key);
            boolean built = use.values.get("built") != null;
            boolean pull = use.values.get("pull") != null;
            if (built == pull) {
                throw new MalformedPlanException(path(key), "must have exactly one of 'built' and 'pull'");
            }
            return new BuildPlan.ImageUse(built, use.text(built ? "built" : "pull"));
        }

        List<BuildPlan.Variable> variables(String key) {
            Fields variables = object(key);
            List<BuildPlan.Variable> read = new ArrayList<>();
            for (String name : variables.keys()) {
                Object value = variables.values.get(name);
                if (value instanceof String text) {
                    read.add(new BuildPlan.Variable(name, Optional.of(text), Optional.empty()));
                } else if (value instanceof Map<?, ?>) {
                    read.add(new BuildPlan.Variable(name, Optional.empty(),
                            Optional.of(variables.object(name).text("secret"))));
                } else {
                    throw new MalformedPlanException(variables.path(name),
                            "must be a string or {\"secret\": name}, was " + kind(value));
                }
            }
            return read;
        }
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
