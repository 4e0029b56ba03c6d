package dev.slipway.pipeline.format.slipway;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.NamePattern;
import dev.slipway.pipeline.model.PatternFilter;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.model.ServiceSpec;
import dev.slipway.pipeline.model.SkipRules;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.model.Triggers;
import dev.slipway.pipeline.model.When;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.Node;
import dev.slipway.pipeline.template.TagTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@code .slipway.yml} node tree into a {@link Pipeline}. It never throws for what a file
 * says: anything it cannot read is reported and replaced by a default, so that one mistake does not
 * hide the next.
 */
public final class SlipwayFormat {

    /** The version of the native format this reader understands. */
    public static final String VERSION = "1";

    static final List<String> ROOT_KEYS = List.of("version", "on", "skip", "images", "services", "steps", "timeout");
    static final List<String> ON_KEYS = List.of("push", "tag", "pull_request", "manual");
    static final List<String> PUSH_TRIGGER_KEYS = List.of("branches", "cancel_previous");
    static final List<String> TAG_TRIGGER_KEYS = List.of("pattern", "include_own_releases");
    static final List<String> PULL_REQUEST_TRIGGER_KEYS = List.of("branches");
    static final List<String> SKIP_KEYS = List.of("messages", "scope");
    static final List<String> IMAGE_KEYS = List.of("context", "dockerfile", "target", "build_args", "cache_from");
    static final List<String> SERVICE_KEYS =
            List.of("image", "environment", "secrets", "sysctls", "healthcheck", "depends_on", "host_network");
    static final List<String> HEALTHCHECK_KEYS = List.of("test", "interval", "timeout", "retries");
    static final List<String> STEP_KEYS = List.of("name", "image", "run", "push", "release", "parallel", "serial",
            "environment", "secrets", "services", "when", "timeout");
    static final List<String> ACTIONS = List.of("run", "push", "release", "parallel", "serial");
    static final List<String> RUN_ONLY_KEYS = List.of("image", "environment", "secrets", "services");
    static final List<String> PUSH_KEYS = List.of("image", "to", "tags", "credential");
    static final List<String> RELEASE_KEYS = List.of("tag", "notes");
    static final List<String> WHEN_KEYS = List.of("event", "branch", "tag", "paths", "status");
    static final List<String> FILTER_KEYS = List.of("include", "exclude");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REPOSITORY =
            Pattern.compile("(?:[A-Za-z0-9.-]+(?::\\d+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*");

    private final NodeReader reader = new NodeReader();
    private final String file;
    private List<String> imageNames = List.of();
    private List<String> serviceNames = List.of();
    private int unnamedSteps;

    private SlipwayFormat(String file) {
        this.file = file;
    }

    /** What reading gave: the pipeline, when the file's root is a mapping, and the problems found. */
    public record Result(Optional<Pipeline> pipeline, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Reads the tree of the file called {@code file}. */
    public static Result read(String file, Node root) {
        SlipwayFormat format = new SlipwayFormat(file);
        Optional<Pipeline> pipeline = format.reader.mapping(root, "a .slipway.yml file").map(format::pipeline);
        return new Result(pipeline, format.reader.problems());
    }

    private Pipeline pipeline(Node.Mapping root) {
        Map<String, Node.Entry> fields = reader.fields(root, "a .slipway.yml file", ROOT_KEYS);
        Node.Entry version = fields.get("version");
        if (version == null) {
            reader.report(LintCode.VERSION_MISSING.at(root.location(), "`version: 1` is missing",
                    "start the file with `version: 1`, so that later versions of the format cannot change what it means"));
        } else {
            reader.string(version.value(), "`version`").filter(v -> !v.equals(VERSION)).ifPresent(v -> reader.report(
                    LintCode.VERSION_UNSUPPORTED.at(version.value().location(), "version `" + v + "` is not supported",
                            "this Slipway reads `version: 1`")));
        }
        imageNames = names(fields.get("images"));
        serviceNames = names(fields.get("services"));
        Triggers triggers = field(fields, "on").map(this::triggers).orElse(Triggers.undeclared(root.location()));
        SkipRules skip = field(fields, "skip").map(this::skip).orElse(SkipRules.defaults(root.location()));
        List<ImageSpec> images = field(fields, "images").map(this::images).orElse(List.of());
        List<ServiceSpec> services = field(fields, "services").map(this::services).orElse(List.of());
        List<Step> steps = field(fields, "steps").map(n -> steps(n, "`steps`")).orElse(List.of());
        Node stepsNode = fields.containsKey("steps") ? fields.get("steps").value() : null;
        if (stepsNode == null || stepsNode instanceof Node.Sequence list && list.items().isEmpty()
                || stepsNode instanceof Node.Scalar s && s.isNull()) {
            Location where = fields.containsKey("steps") ? fields.get("steps").key().location() : root.location();
            reader.report(LintCode.STEPS_MISSING.at(where, "the pipeline has no steps",
                    "add `steps:` with at least one step, such as `- name: test` with `image:` and `run:`"));
        }
        Optional<Duration> timeout = field(fields, "timeout").flatMap(n -> reader.duration(n, "`timeout`"));
        return new Pipeline(Pipeline.Format.SLIPWAY, root.location(), triggers, skip, images, services, steps, timeout);
    }

    private static Optional<Node> field(Map<String, Node.Entry> fields, String key) {
        return Optional.ofNullable(fields.get(key)).map(Node.Entry::value);
    }

    private static List<String> names(Node.Entry entry) {
        return entry != null && entry.value() instanceof Node.Mapping m
                ? m.entries().stream().map(e -> e.key().value()).toList() : List.of();
    }

    // --- on -----------------------------------------------------------------------------------

    private Triggers triggers(Node node) {
        Optional<Triggers.PushTrigger> push = Optional.empty();
        Optional<Triggers.TagTrigger> tag = Optional.empty();
        Optional<Triggers.PullRequestTrigger> pullRequest = Optional.empty();
        Optional<Triggers.ManualTrigger> manual = Optional.empty();
        if (node instanceof Node.Sequence list) {
            for (Node.Scalar item : reader.strings(list, "`on`")) {
                switch (item.value()) {
                    case "push" -> push = Optional.of(new Triggers.PushTrigger(item.location(), List.of(), false));
                    case "tag" -> tag = Optional.of(new Triggers.TagTrigger(item.location(), List.of(), false));
                    case "pull_request" -> pullRequest = Optional.of(new Triggers.PullRequestTrigger(item.location(), List.of()));
                    case "manual" -> manual = Optional.of(new Triggers.ManualTrigger(item.location()));
                    default -> unknownEvent(item);
                }
            }
            return new Triggers(node.location(), true, push, tag, pullRequest, manual);
        }
        Optional<Node.Mapping> mapping = reader.mapping(node, "`on`");
        if (mapping.isEmpty()) {
            return Triggers.undeclared(node.location());
        }
        Map<String, Node.Entry> fields = reader.fields(mapping.get(), "`on`", ON_KEYS);
        for (Node.Entry entry : fields.values()) {
            Node value = entry.value();
            Location at = entry.key().location();
            if (value instanceof Node.Scalar s && "false".equals(s.value())) {
                continue;
            }
            Optional<Node.Mapping> settings = value instanceof Node.Scalar s && "true".equals(s.value())
                    ? Optional.of(new Node.Mapping(s.location(), List.of()))
                    : reader.mapping(value, "`on." + entry.key().value() + "`");
            if (settings.isEmpty()) {
                continue;
            }
            switch (entry.key().value()) {
                case "push" -> {
                    Map<String, Node.Entry> f = reader.fields(settings.get(), "`on.push`", PUSH_TRIGGER_KEYS);
                    push = Optional.of(new Triggers.PushTrigger(at,
                            field(f, "branches").map(n -> patterns(n, "`on.push.branches`")).orElse(List.of()),
                            field(f, "cancel_previous").flatMap(n -> reader.bool(n, "`on.push.cancel_previous`")).orElse(false)));
                }
                case "tag" -> {
                    Map<String, Node.Entry> f = reader.fields(settings.get(), "`on.tag`", TAG_TRIGGER_KEYS);
                    tag = Optional.of(new Triggers.TagTrigger(at,
                            field(f, "pattern").map(n -> patterns(n, "`on.tag.pattern`")).orElse(List.of()),
                            field(f, "include_own_releases")
                                    .flatMap(n -> reader.bool(n, "`on.tag.include_own_releases`")).orElse(false)));
                }
                case "pull_request" -> {
                    Map<String, Node.Entry> f = reader.fields(settings.get(), "`on.pull_request`", PULL_REQUEST_TRIGGER_KEYS);
                    pullRequest = Optional.of(new Triggers.PullRequestTrigger(at,
                            field(f, "branches").map(n -> patterns(n, "`on.pull_request.branches`")).orElse(List.of())));
                }
                default -> {
                    reader.fields(settings.get(), "`on.manual`", List.of());
                    manual = Optional.of(new Triggers.ManualTrigger(at));
                }
            }
        }
        return new Triggers(node.location(), true, push, tag, pullRequest, manual);
    }

    private void unknownEvent(Node.Scalar item) {
        String suggestion = Suggestions.didYouMean(item.value(), EventType.labels());
        reader.report(LintCode.VALUE_INVALID.at(item.location(), "`" + item.value() + "` is not an event",
                (suggestion.isEmpty() ? "" : suggestion + " ") + "events: " + String.join(", ", EventType.labels())));
    }

    private List<NamePattern> patterns(Node node, String what) {
        List<NamePattern> patterns = new ArrayList<>();
        for (Node.Scalar item : reader.strings(node, what)) {
            NamePattern.parse(item.value(), item.location(), reader::report).ifPresent(patterns::add);
        }
        return patterns;
    }

    // --- skip ---------------------------------------------------------------------------------

    private SkipRules skip(Node node) {
        Optional<Node.Mapping> mapping = reader.mapping(node, "`skip`");
        if (mapping.isEmpty()) {
            return SkipRules.defaults(node.location());
        }
        Map<String, Node.Entry> fields = reader.fields(mapping.get(), "`skip`", SKIP_KEYS);
        List<String> messages = field(fields, "messages")
                .map(n -> reader.strings(n, "`skip.messages`").stream().map(Node.Scalar::value).toList())
                .orElse(SkipRules.DEFAULT_MESSAGES);
        SkipRules.Scope scope = SkipRules.Scope.HEAD_COMMIT;
        Optional<Node> scopeNode = field(fields, "scope");
        if (scopeNode.isPresent()) {
            Optional<String> value = reader.string(scopeNode.get(), "`skip.scope`");
            if (value.isPresent()) {
                switch (value.get()) {
                    case "head-commit" -> scope = SkipRules.Scope.HEAD_COMMIT;
                    case "all-commits" -> scope = SkipRules.Scope.ALL_COMMITS;
                    default -> reader.report(LintCode.VALUE_INVALID.at(scopeNode.get().location(),
                            "`skip.scope` is `" + value.get() + "`, which is neither head-commit nor all-commits",
                            "head-commit (the default) checks only the newest commit of a push; all-commits checks each"));
                }
            }
        }
        return new SkipRules(node.location(), messages, scope);
    }

    // --- images and services ----------------------------------------------------------------

    private List<ImageSpec> images(Node node) {
        List<ImageSpec> images = new ArrayList<>();
        reader.mapping(node, "`images`").ifPresent(mapping -> {
            for (Node.Entry entry : reader.namedEntries(mapping, "`images`")) {
                String name = checkedName(entry.key(), "an image");
                String where = "`images." + name + "`";
                Node.Mapping spec = reader.mapping(entry.value(), where).orElse(new Node.Mapping(entry.value().location(), List.of()));
                Map<String, Node.Entry> f = reader.fields(spec, "an image", IMAGE_KEYS);
                images.add(new ImageSpec(name, entry.key().location(),
                        field(f, "context").flatMap(n -> reader.string(n, where + ".context")).orElse("."),
                        field(f, "dockerfile").flatMap(n -> reader.string(n, where + ".dockerfile")).orElse("Dockerfile"),
                        field(f, "target").flatMap(n -> reader.string(n, where + ".target")),
                        field(f, "build_args").map(n -> variables(n, where + ".build_args")).orElse(List.of()),
                        field(f, "cache_from").map(n -> reader.strings(n, where + ".cache_from").stream()
                                .map(Node.Scalar::value).toList()).orElse(List.of())));
            }
        });
        return images;
    }

    private List<ServiceSpec> services(Node node) {
        List<ServiceSpec> services = new ArrayList<>();
        reader.mapping(node, "`services`").ifPresent(mapping -> {
            for (Node.Entry entry : reader.namedEntries(mapping, "`services`")) {
                String name = checkedName(entry.key(), "a service");
                String where = "`services." + name + "`";
                Node.Mapping spec = reader.mapping(entry.value(), where).orElse(new Node.Mapping(entry.value().location(), List.of()));
                Map<String, Node.Entry> f = reader.fields(spec, "a service", SERVICE_KEYS);
                Optional<ImageRef> image = field(f, "image").flatMap(n -> imageRef(n, where + ".image"));
                if (!f.containsKey("image")) {
                    reader.report(LintCode.KEY_MISSING.at(entry.key().location(), "service `" + name + "` has no `image`",
                            "give it an image to pull, such as `image: redis:7`, or a built one, such as `image: app`"));
                }
                List<EnvVar> environment = new ArrayList<>(field(f, "environment")
                        .map(n -> variables(n, where + ".environment")).orElse(List.of()));
                field(f, "secrets").ifPresent(n -> environment.addAll(secrets(n, where + ".secrets")));
                List<ServiceSpec.Sysctl> sysctls = new ArrayList<>();
                field(f, "sysctls").flatMap(n -> reader.mapping(n, where + ".sysctls")).ifPresent(m -> {
                    for (Node.Entry sysctl : reader.namedEntries(m, where + ".sysctls")) {
                        reader.string(sysctl.value(), "sysctl `" + sysctl.key().value() + "`").ifPresent(v ->
                                sysctls.add(new ServiceSpec.Sysctl(sysctl.key().value(), v, sysctl.key().location())));
                    }
                });
                services.add(new ServiceSpec(name, entry.key().location(),
                        image.orElse(new ImageRef.External("", entry.key().location())), environment, sysctls,
                        field(f, "healthcheck").flatMap(n -> healthcheck(n, where + ".healthcheck")),
                        field(f, "depends_on").map(n -> references(n, where + ".depends_on")).orElse(List.of()),
                        field(f, "host_network").flatMap(n -> reader.bool(n, where + ".host_network")).orElse(false)));
            }
        });
        return services;
    }

    private Optional<ServiceSpec.Healthcheck> healthcheck(Node node, String where) {
        Optional<Node.Mapping> mapping = reader.mapping(node, where);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node.Entry> f = reader.fields(mapping.get(), where, HEALTHCHECK_KEYS);
        Optional<String> test = field(f, "test").flatMap(n -> reader.string(n, where + ".test"));
        if (!f.containsKey("test")) {
            reader.report(LintCode.KEY_MISSING.at(node.location(), where + " has no `test`",
                    "give the command that succeeds once the service is ready, such as `test: redis-cli ping`"));
        }
        return test.map(command -> new ServiceSpec.Healthcheck(node.location(), command,
                field(f, "interval").flatMap(n -> reader.duration(n, where + ".interval"))
                        .orElse(ServiceSpec.Healthcheck.DEFAULT_INTERVAL),
                field(f, "timeout").flatMap(n -> reader.duration(n, where + ".timeout"))
                        .orElse(ServiceSpec.Healthcheck.DEFAULT_TIMEOUT),
                field(f, "retries").flatMap(n -> reader.positiveInteger(n, where + ".retries"))
                        .orElse(ServiceSpec.Healthcheck.DEFAULT_RETRIES)));
    }

    /** {@code app} or {@code app@stage} when {@code app} is a built image; otherwise an image to pull. */
    private Optional<ImageRef> imageRef(Node node, String what) {
        return reader.string(node, what).filter(text -> {
            if (text.startsWith("@") || text.endsWith("@")) {
                reader.report(LintCode.VALUE_INVALID.at(node.location(), what + " `" + text + "` is not an image reference",
                        "write an image to pull (`redis:7`), a built image (`app`) or a stage of one (`app@builder`)"));
                return false;
            }
            return true;
        }).map(text -> {
            int at = text.indexOf('@');
            if (at > 0 && !text.substring(at + 1).contains(":")) {
                return new ImageRef.Built(text.substring(0, at), Optional.of(text.substring(at + 1)), node.location());
            }
            return imageNames.contains(text)
                    ? new ImageRef.Built(text, Optional.empty(), node.location())
                    : new ImageRef.External(text, node.location());
        });
    }

    private List<EnvVar> variables(Node node, String where) {
        List<EnvVar> variables = new ArrayList<>();
        reader.mapping(node, where).ifPresent(mapping -> {
            for (Node.Entry entry : reader.namedEntries(mapping, where)) {
                String name = entry.key().value();
                if (!VARIABLE.matcher(name).matches()) {
                    reader.report(LintCode.VALUE_INVALID.at(entry.key().location(), "`" + name + "` is not a valid variable name",
                            "use letters, digits and _ , not starting with a digit"));
                    continue;
                }
                Node value = entry.value();
                if (value instanceof Node.Mapping secret) {
                    Map<String, Node.Entry> f = reader.fields(secret, "a variable taken from a secret", List.of("secret"));
                    field(f, "secret").flatMap(n -> reader.string(n, where + "." + name + ".secret")).ifPresentOrElse(
                            s -> variables.add(new EnvVar(name, new EnvVar.FromSecret(s), entry.key().location())),
                            () -> {
                                if (!f.containsKey("secret")) {
                                    reader.report(LintCode.KEY_MISSING.at(value.location(), "`" + name
                                            + "` is a mapping without `secret`", "write `" + name + ": { secret: secret-name }`"));
                                }
                            });
                } else if (value instanceof Node.Scalar scalar) {
                    variables.add(new EnvVar(name, new EnvVar.Literal(scalar.isNull() ? "" : scalar.value()),
                            entry.key().location()));
                } else {
                    reader.wrongKind(value, where + "." + name, "a value or `{ secret: name }`");
                }
            }
        });
        return variables;
    }

    /** {@code secrets: [NAME]}: each secret exposed as the variable of the same name. */
    private List<EnvVar> secrets(Node node, String where) {
        List<EnvVar> variables = new ArrayList<>();
        for (Node.Scalar item : reader.strings(node, where)) {
            if (VARIABLE.matcher(item.value()).matches()) {
                variables.add(new EnvVar(item.value(), new EnvVar.FromSecret(item.value()), item.location()));
            } else {
                reader.report(LintCode.VALUE_INVALID.at(item.location(), "`" + item.value()
                        + "` cannot be a variable name, and `secrets` exposes each secret under its own name",
                        "to use another variable name, write `environment: { NAME: { secret: " + item.value() + " } }`"));
            }
        }
        return variables;
    }

    private List<Reference> references(Node node, String where) {
        return reader.strings(node, where).stream().map(s -> new Reference(s.value(), s.location())).toList();
    }

    private String checkedName(Node.Scalar key, String what) {
        if (!NAME.matcher(key.value()).matches()) {
            reader.report(LintCode.VALUE_INVALID.at(key.location(), "`" + key.value() + "` is not a valid name for " + what,
                    "use letters, digits, `.`, `_` and `-`, starting with a letter or digit"));
        }
        return key.value();
    }

    // --- steps --------------------------------------------------------------------------------

    private List<Step> steps(Node node, String where) {
        List<Step> steps = new ArrayList<>();
        reader.sequence(node, where).ifPresent(sequence -> {
            for (Node item : sequence.items()) {
                reader.mapping(item, "a step").flatMap(this::step).ifPresent(steps::add);
            }
        });
        return steps;
    }

    private Optional<Step> step(Node.Mapping mapping) {
        Map<String, Node.Entry> f = reader.fields(mapping, "a step", STEP_KEYS);
        Optional<String> written = field(f, "name").flatMap(n -> reader.string(n, "a step's `name`"));
        if (written.isEmpty() && !f.containsKey("name")) {
            reader.report(LintCode.KEY_MISSING.at(mapping.location(), "a step has no `name`",
                    "name every step: decisions and plans refer to steps by name"));
        }
        String name = written.orElseGet(() -> "step-" + (++unnamedSteps));
        List<String> actions = ACTIONS.stream().filter(f::containsKey).toList();
        if (actions.isEmpty()) {
            reader.report(LintCode.STEP_NO_ACTION.at(mapping.location(), "step `" + name + "` does nothing",
                    "give it one of " + String.join(", ", ACTIONS)));
            return Optional.empty();
        }
        if (actions.size() > 1) {
            reader.report(LintCode.STEP_MANY_ACTIONS.at(f.get(actions.get(1)).key().location(),
                    "step `" + name + "` has both `" + actions.get(0) + "` and `" + actions.get(1) + "`",
                    "split it into two steps; a step does one thing"));
        }
        String action = actions.getFirst();
        if (!action.equals("run")) {
            for (String key : RUN_ONLY_KEYS) {
                if (f.containsKey(key)) {
                    reader.report(LintCode.KEY_UNKNOWN.at(f.get(key).key().location(), "`" + key + "` has no meaning on a `"
                            + action + "` step", "only `run` steps take " + String.join(", ", RUN_ONLY_KEYS)
                            + (key.equals("image") && action.equals("push") ? "; name the pushed image in `push.image`" : "")));
                }
            }
        }
        When when = field(f, "when").map(n -> when(n, "the `when` of step `" + name + "`"))
                .orElse(When.always(mapping.location()));
        Optional<Duration> timeout = field(f, "timeout").flatMap(n -> reader.duration(n, "the `timeout` of step `" + name + "`"));
        Node actionNode = f.get(action).value();
        String stepName = name;
        return switch (action) {
            case "run" -> Optional.of(run(stepName, mapping, f, actionNode, when, timeout));
            case "push" -> push(stepName, mapping, actionNode, when, timeout);
            case "release" -> release(stepName, mapping, actionNode, when, timeout);
            case "parallel" -> Optional.of(new Step.Parallel(stepName, mapping.location(),
                    steps(actionNode, "`parallel` of step `" + stepName + "`"), when, timeout));
            default -> Optional.of(new Step.Serial(stepName, mapping.location(),
                    steps(actionNode, "`serial` of step `" + stepName + "`"), when, timeout));
        };
    }

    private Step run(String name, Node.Mapping mapping, Map<String, Node.Entry> f, Node runNode, When when,
                     Optional<Duration> timeout) {
        List<String> commands = reader.strings(runNode, "`run` of step `" + name + "`").stream().map(Node.Scalar::value).toList();
        Optional<ImageRef> image = field(f, "image").flatMap(n -> imageRef(n, "the `image` of step `" + name + "`"));
        if (!f.containsKey("image")) {
            reader.report(LintCode.KEY_MISSING.at(mapping.location(), "step `" + name + "` runs commands but has no `image`",
                    imageNames.isEmpty() ? "give the image to run in, such as `image: alpine:3.20`"
                            : "give the image to run in, such as `image: " + imageNames.getFirst() + "`"));
        }
        List<EnvVar> environment = new ArrayList<>(field(f, "environment")
                .map(n -> variables(n, "the `environment` of step `" + name + "`")).orElse(List.of()));
        field(f, "secrets").ifPresent(n -> environment.addAll(secrets(n, "the `secrets` of step `" + name + "`")));
        List<Reference> services = field(f, "services").map(n -> references(n, "the `services` of step `" + name + "`"))
                .orElse(serviceNames.stream().map(s -> new Reference(s, mapping.location())).toList());
        return new Step.Run(name, mapping.location(), image.orElse(new ImageRef.External("", mapping.location())), commands,
                environment, services, when, timeout);
    }

    private Optional<Step> push(String name, Node.Mapping step, Node node, When when, Optional<Duration> timeout) {
        String where = "`push` of step `" + name + "`";
        Optional<Node.Mapping> mapping = reader.mapping(node, where);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node.Entry> f = reader.fields(mapping.get(), "`push`", PUSH_KEYS);
        for (String required : List.of("image", "to", "tags")) {
            if (!f.containsKey(required)) {
                reader.report(LintCode.KEY_MISSING.at(mapping.get().location(), where + " has no `" + required + "`",
                        "a push needs `image` (a built image), `to` (the repository) and `tags`, e.g. "
                                + "`push: { image: app, to: registry.example.com/team/app, tags: [\"{{ .CommitID }}\"] }`"));
            }
        }
        Optional<Reference> image = field(f, "image").flatMap(n -> reader.string(n, where + ".image")
                .map(v -> new Reference(v, n.location())));
        Optional<String> to = field(f, "to").flatMap(n -> reader.string(n, where + ".to").filter(v -> {
            if (REPOSITORY.matcher(v).matches()) {
                return true;
            }
            reader.report(LintCode.VALUE_INVALID.at(n.location(), "`" + v + "` is not a repository name",
                    v.matches(".*:[^/]*$") ? "put tags in `tags`, not in `to`" : "use lowercase letters, digits, `.`, `_`, `-` and `/`,"
                            + " with an optional registry host first, as in registry.example.com/team/app"));
            return false;
        }));
        List<TagTemplate> tags = field(f, "tags").map(n -> reader.strings(n, where + ".tags").stream()
                .map(s -> TagTemplate.parse(s.value(), s.location(), reader::report)).toList()).orElse(List.of());
        Optional<String> credential = field(f, "credential").flatMap(n -> reader.string(n, where + ".credential"));
        if (image.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step.Push(name, step.location(), image.get(), to.get(), tags, credential, when, timeout));
    }

    private Optional<Step> release(String name, Node.Mapping step, Node node, When when, Optional<Duration> timeout) {
        String where = "`release` of step `" + name + "`";
        Optional<Node.Mapping> mapping = reader.mapping(node, where);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node.Entry> f = reader.fields(mapping.get(), "`release`", RELEASE_KEYS);
        if (!f.containsKey("tag")) {
            reader.report(LintCode.KEY_MISSING.at(mapping.get().location(), where + " has no `tag`",
                    "give the tag to create, such as `tag: \"v1.{{ .BuildNumber }}\"`"));
        }
        Optional<TagTemplate> tag = field(f, "tag").flatMap(n -> reader.string(n, where + ".tag")
                .map(v -> TagTemplate.parse(v, n.location(), reader::report)));
        String notes = field(f, "notes").flatMap(n -> reader.string(n, where + ".notes")).orElse("changelog");
        return tag.map(t -> new Step.Release(name, step.location(), t, notes, when, timeout));
    }

    // --- when ---------------------------------------------------------------------------------

    private When when(Node node, String where) {
        Optional<Node.Mapping> mapping = reader.mapping(node, where);
        if (mapping.isEmpty()) {
            return When.always(node.location());
        }
        Map<String, Node.Entry> f = reader.fields(mapping.get(), "`when`", WHEN_KEYS);
        List<EventType> events = new ArrayList<>();
        field(f, "event").ifPresent(n -> {
            for (Node.Scalar item : reader.strings(n, "`when.event`")) {
                EventType.fromLabel(item.value()).ifPresentOrElse(e -> {
                    if (!events.contains(e)) {
                        events.add(e);
                    }
                }, () -> unknownEvent(item));
            }
        });
        List<StepStatus> status = new ArrayList<>();
        field(f, "status").ifPresent(n -> {
            for (Node.Scalar item : reader.strings(n, "`when.status`")) {
                StepStatus.fromLabel(item.value()).ifPresentOrElse(s -> {
                    if (!status.contains(s)) {
                        status.add(s);
                    }
                }, () -> reader.report(LintCode.VALUE_INVALID.at(item.location(), "`" + item.value() + "` is not a status",
                        "statuses: success (the default: earlier steps succeeded) and failure (an earlier step failed)")));
            }
        });
        return new When(mapping.get().location(), events,
                field(f, "branch").map(n -> filter(n, "`when.branch`")).orElse(PatternFilter.ANY),
                field(f, "tag").map(n -> filter(n, "`when.tag`")).orElse(PatternFilter.ANY),
                PatternFilter.ANY,
                field(f, "paths").map(n -> filter(n, "`when.paths`")).orElse(PatternFilter.ANY),
                status);
    }

    /** A pattern, a list of patterns, or {@code { include: ..., exclude: ... }}. */
    private PatternFilter filter(Node node, String where) {
        if (node instanceof Node.Mapping mapping) {
            Map<String, Node.Entry> f = reader.fields(mapping, where, FILTER_KEYS);
            return new PatternFilter(field(f, "include").map(n -> patterns(n, where + ".include")).orElse(List.of()),
                    field(f, "exclude").map(n -> patterns(n, where + ".exclude")).orElse(List.of()));
        }
        return PatternFilter.including(patterns(node, where));
    }
}
