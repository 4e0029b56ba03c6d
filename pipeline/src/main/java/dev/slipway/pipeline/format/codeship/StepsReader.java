package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.model.NamePattern;
import dev.slipway.pipeline.model.PatternFilter;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.When;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.Node;
import dev.slipway.pipeline.template.TagTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads codeship-steps.yml: a list of steps, each a command run in a service, a push of the image
 * built for a service, or a parallel or serial group of steps. A group passes its {@code service}
 * on to steps that name none, as Codeship did; its {@code tag}/{@code exclude} filter applies on
 * top of theirs.
 */
final class StepsReader {

    static final List<String> STEP_KEYS = List.of("name", "service", "command", "type", "tag", "exclude", "steps",
            "image_name", "image_tag", "registry", "encrypted_dockercfg_path");
    static final Map<String, String> UNSUPPORTED_STEP_KEYS = Map.of(
            "dockercfg_service", "Slipway logs in to registries with credentials from its credential broker, not with a"
                    + " service that generates a dockercfg; store the registry login as a Slipway credential and name it"
                    + " with `encrypted_dockercfg_path`");
    private static final List<String> PUSH_ONLY_KEYS =
            List.of("image_name", "image_tag", "registry", "encrypted_dockercfg_path");
    /** What a shell does and Codeship's direct exec did not: operators, expansions, redirections, quotes. */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("&&|\\|\\||[|;<>`]|\\$[A-Za-z_{(]|[\"']|\\*");
    private static final Pattern WRAPPED_IN_SHELL = Pattern.compile("^\\s*(/[\\w/]*/)?(ba|da|z|a)?sh\\s+(-\\w+\\s+)*-c\\b");
    private static final String DEFAULT_TAG = "latest";

    private final String file;
    private final Map<String, CodeshipService> services;
    private final Consumer<Problem> problems;
    private final Set<String> names = new HashSet<>();

    StepsReader(String file, List<CodeshipService> services, Consumer<Problem> problems) {
        this.file = file;
        this.services = new LinkedHashMap<>();
        services.forEach(s -> this.services.put(s.name(), s));
        this.problems = problems;
    }

    /** The top-level steps; each step that cannot be read is left out after reporting why. */
    List<Step> read(Node root) {
        if (!(root instanceof Node.Sequence sequence)) {
            problems.accept(LintCode.NODE_WRONG_KIND.at(root.location(),
                    file + " must be a list of steps, not " + root.kind(), "start each step with `- `"));
            return List.of();
        }
        return steps(sequence.items(), "", Optional.empty());
    }

    private List<Step> steps(List<Node> items, String parentPath, Optional<Node.Scalar> inheritedService) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = parentPath.isEmpty() ? Integer.toString(i + 1) : parentPath + "." + (i + 1);
            Fields.mapping(items.get(i), "a step", problems)
                    .flatMap(m -> step(m, path, inheritedService))
                    .ifPresent(steps::add);
        }
        return steps;
    }

    private Optional<Step> step(Node.Mapping mapping, String path, Optional<Node.Scalar> inheritedService) {
        Fields fields = Fields.of(mapping, "a step", STEP_KEYS, UNSUPPORTED_STEP_KEYS, problems);
        Optional<Node.Scalar> type = fields.text("type");
        Optional<Node.Scalar> service = fields.text("service").or(() -> inheritedService);
        When when = when(fields, mapping.location());
        Location location = mapping.location();
        String kind = type.map(Node.Scalar::value).orElse(fields.has("steps") ? "serial" : "run");
        switch (kind) {
            case "parallel", "serial" -> {
                String name = name(fields, kind + "-" + path);
                for (String key : PUSH_ONLY_KEYS) {
                    fields.key(key).ifPresent(k -> misplaced(k, "a " + kind + " group"));
                }
                fields.key("command").ifPresent(k -> misplaced(k, "a " + kind + " group"));
                Optional<Node> nested = fields.node("steps");
                if (nested.isEmpty() || !(nested.get() instanceof Node.Sequence sequence) || sequence.items().isEmpty()) {
                    problems.accept(LintCode.STEP_EMPTY_GROUP.at(nested.map(Node::location).orElse(location),
                            "the " + kind + " group `" + name + "` has no `steps`",
                            "list its steps under `steps:`, or remove the group"));
                    return Optional.empty();
                }
                List<Step> children = steps(sequence.items(), path, service);
                if (children.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(kind.equals("parallel")
                        ? new Step.Parallel(name, location, children, when, Optional.empty())
                        : new Step.Serial(name, location, children, when, Optional.empty()));
            }
            case "push" -> {
                fields.key("steps").ifPresent(k -> misplaced(k, "a push step"));
                fields.key("command").ifPresent(k -> misplaced(k, "a push step"));
                return push(fields, name(fields, "push-" + path), location, service, when);
            }
            case "run" -> {
                for (String key : PUSH_ONLY_KEYS) {
                    fields.key(key).ifPresent(k -> misplaced(k, "a step without `type: push`"));
                }
                return run(fields, name(fields, "step-" + path), location, service, when);
            }
            default -> {
                problems.accept(LintCode.VALUE_INVALID.at(type.orElseThrow().location(),
                        "`type: " + kind + "` is not a Codeship step type",
                        Suggestions.didYouMean(kind, List.of("push", "parallel", "serial"))
                                + " known types: push, parallel, serial; a step without `type` runs its `command`"));
                return Optional.empty();
            }
        }
    }

    private Optional<Step> run(Fields fields, String name, Location location, Optional<Node.Scalar> serviceName,
                               When when) {
        Optional<Node.Scalar> command = fields.text("command");
        if (command.isEmpty()) {
            problems.accept(LintCode.STEP_NO_ACTION.at(location, "the step `" + name + "` has no `command`",
                    "give it `command:`, or make it `type: push`, or a group with `type: parallel` and `steps:`"));
            return Optional.empty();
        }
        Optional<CodeshipService> service = service(name, serviceName, location);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        checkShell(command.get());
        return Optional.of(new Step.Run(name, location, service.get().runs(), List.of(command.get().value()),
                service.get().environment(), service.get().dependsOn(), when, Optional.empty()));
    }

    private Optional<Step> push(Fields fields, String name, Location location, Optional<Node.Scalar> serviceName,
                                When when) {
        Optional<Node.Scalar> imageName = fields.text("image_name");
        if (imageName.isEmpty()) {
            problems.accept(LintCode.KEY_MISSING.at(location, "the push step `" + name + "` has no `image_name`",
                    "name the repository to push to, such as `image_name: team/app` or `image_name: quay.io/team/app`"));
        }
        Optional<CodeshipService> service = service(name, serviceName, location);
        if (service.isEmpty() || imageName.isEmpty()) {
            return Optional.empty();
        }
        if (service.get().build().isEmpty()) {
            problems.accept(LintCode.CODESHIP_PUSH_NOT_BUILT.at(serviceName.orElseThrow().location(),
                    "the push step `" + name + "` pushes the image built for `" + service.get().name()
                            + "`, but that service has no `build`, only `image: " + service.get().runs().label() + "`",
                    "a push step pushes an image this build made: give `" + service.get().name() + "` a `build:`,"
                            + " or point `service` at a service that has one"));
            return Optional.empty();
        }
        checkImageName(name, imageName.get(), service.get());
        String to = PushDestination.of(imageName.get(), fields.text("registry"), problems);
        TagTemplate tag = fields.text("image_tag")
                .map(t -> ImageTag.parse(t, problems))
                .orElseGet(() -> TagTemplate.parse(DEFAULT_TAG, location, problems));
        Optional<String> credential = fields.text("encrypted_dockercfg_path").map(path -> {
            String secret = Secrets.forFile(path.value());
            problems.accept(Secrets.encryptedReference(path.location(), "encrypted_dockercfg_path", secret,
                    "the push logs in to the registry with it"));
            return secret;
        });
        return Optional.of(new Step.Push(name, location,
                new dev.slipway.pipeline.model.Reference(service.get().name(), serviceName.orElseThrow().location()),
                to, List.of(tag), credential, when, Optional.empty()));
    }

    /**
     * The surprise users met most: {@code image_name} reads like "push this image", but Codeship
     * pushed the image built for the step's service and used {@code image_name} as the destination.
     */
    private void checkImageName(String step, Node.Scalar imageName, CodeshipService pushed) {
        String wanted = imageName.value();
        for (CodeshipService other : services.values()) {
            if (other == pushed || !other.imageNames().contains(wanted) || pushed.imageNames().contains(wanted)) {
                continue;
            }
            problems.accept(LintCode.CODESHIP_PUSH_IMAGE_NAME.at(imageName.location(),
                    "`image_name: " + wanted + "` is also the image of the service `" + other.name() + "`, but the push"
                            + " step `" + step + "` pushes the image built for its own service `" + pushed.name()
                            + "` to the repository `" + wanted + "`",
                    "`image_name` is where the image goes, never which image goes. To push `" + other.name()
                            + "`'s image, set `service: " + other.name() + "`; otherwise choose a repository name that"
                            + " no other service uses"));
            return;
        }
    }

    private Optional<CodeshipService> service(String step, Optional<Node.Scalar> serviceName, Location location) {
        if (serviceName.isEmpty()) {
            problems.accept(LintCode.KEY_MISSING.at(location, "the step `" + step + "` names no `service`",
                    "add `service:` with one of: " + String.join(", ", services.keySet())));
            return Optional.empty();
        }
        CodeshipService service = services.get(serviceName.get().value());
        if (service == null) {
            problems.accept(unknownService(serviceName.get(), services.keySet()));
        }
        return Optional.ofNullable(service);
    }

    static Problem unknownService(Node.Scalar name, Set<String> known) {
        String didYouMean = Suggestions.didYouMean(name.value(), known);
        return LintCode.CODESHIP_UNKNOWN_SERVICE.at(name.location(),
                "the service `" + name.value() + "` is not declared in codeship-services.yml",
                (didYouMean.isEmpty() ? "" : didYouMean + " ") + "declared services: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
    }

    private void checkShell(Node.Scalar command) {
        String text = command.value();
        if (SHELL_SYNTAX.matcher(text).find() && !WRAPPED_IN_SHELL.matcher(text).find()) {
            problems.accept(LintCode.CODESHIP_COMMAND_SHELL.at(command.location(),
                    "Codeship ran `" + text + "` without a shell, splitting it into words, so operators, `$VARIABLES`,"
                            + " quotes and globs reached the program as they are; Slipway runs it with /bin/sh -c,"
                            + " so the shell now interprets them",
                    "this is usually what was meant; check the step still does what you expect"));
        }
    }

    private When when(Fields fields, Location stepLocation) {
        List<NamePattern> include = new ArrayList<>();
        List<NamePattern> exclude = new ArrayList<>();
        fields.text("tag").flatMap(t -> RefFilter.read("tag", t, problems)).ifPresent(include::add);
        fields.text("exclude").flatMap(t -> RefFilter.read("exclude", t, problems)).ifPresent(exclude::add);
        if (include.isEmpty() && exclude.isEmpty()) {
            return When.always(stepLocation);
        }
        Location location = fields.text("tag").or(() -> fields.text("exclude")).orElseThrow().location();
        return new When(location, List.of(), PatternFilter.ANY, PatternFilter.ANY, new PatternFilter(include, exclude),
                PatternFilter.ANY, When.DEFAULT_STATUS);
    }

    /**
     * The step's name, or {@code fallback} (its kind and position, such as {@code step-2.1}) when it
     * has none. Codeship allowed repeated names; Slipway refers to steps by name, so a repeat gets
     * a number.
     */
    private String name(Fields fields, String fallback) {
        Optional<Node.Scalar> written = fields.text("name");
        String base = written.map(Node.Scalar::value).orElse(fallback);
        String name = base;
        for (int n = 2; names.contains(name); n++) {
            name = base + "-" + n;
        }
        names.add(name);
        if (!name.equals(base) && written.isPresent()) {
            problems.accept(LintCode.CODESHIP_DUPLICATE_STEP_NAME.at(written.get().location(),
                    "another step is already called `" + base + "`; this one is called `" + name
                            + "` in plans and decisions",
                    "give each step its own name"));
        }
        return name;
    }

    private void misplaced(Node.Scalar key, String where) {
        problems.accept(LintCode.KEY_UNKNOWN.at(key.location(), "`" + key.value() + "` has no meaning on " + where,
                "remove it; `command` belongs to steps without `type`, `image_name`/`image_tag`/`registry`/"
                        + "`encrypted_dockercfg_path` to `type: push`, `steps` to `type: parallel` or `serial`"));
    }
}
