package dev.slipway.pipeline.lint.rules;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.Suggestions;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.model.ServiceSpec;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.template.DockerTag;
import dev.slipway.pipeline.template.TagTemplate;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules about meaning, run on any {@link Pipeline}; each problem names its code from {@link LintCode}. */
public final class PipelineLint {

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CREDENTIALS?)$");

    private final Pipeline pipeline;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> imageNames;
    private final List<String> serviceNames;

    private PipelineLint(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.imageNames = pipeline.images().stream().map(ImageSpec::name).toList();
        this.serviceNames = pipeline.services().stream().map(ServiceSpec::name).toList();
    }

    /** Every problem of meaning in {@code pipeline}, in a stable order. */
    public static List<Problem> check(Pipeline pipeline) {
        PipelineLint lint = new PipelineLint(pipeline);
        lint.images();
        lint.services();
        lint.dependencyCycles();
        lint.steps();
        return List.copyOf(lint.problems);
    }

    private void images() {
        for (ImageSpec image : pipeline.images()) {
            boolean contextInside = pathInsideRepository(image.context(), image.location(), "context of image `" + image.name() + "`");
            // A context outside already says it all; the Dockerfile is checked relative to a context inside.
            if (contextInside) {
                pathInsideRepository(Path.of(image.context()).resolve(image.dockerfile()).toString(), image.location(),
                        "dockerfile of image `" + image.name() + "`");
            }
            plainTextSecrets(image.buildArgs(), "build argument");
        }
    }

    private boolean pathInsideRepository(String path, Location location, String what) {
        boolean escapes;
        try {
            Path normalized = Path.of(path).normalize();
            escapes = Path.of(path).isAbsolute() || path.startsWith("/") || normalized.startsWith("..");
        } catch (InvalidPathException e) {
            escapes = true;
        }
        if (escapes) {
            problems.add(LintCode.IMAGE_PATH_ESCAPES.at(location, "the " + what + ", `" + path + "`, is outside the repository",
                    "builds see only the repository; give a path relative to its root, without climbing out with `..`"));
        }
        return !escapes;
    }

    private void services() {
        for (ServiceSpec service : pipeline.services()) {
            imageRef(service.image(), "service `" + service.name() + "`");
            for (Reference dependency : service.dependsOn()) {
                serviceRef(dependency, "service `" + service.name() + "` depends on");
            }
            plainTextSecrets(service.environment(), "variable");
            for (ServiceSpec.Sysctl sysctl : service.sysctls()) {
                if (!Sysctls.isNamespaced(sysctl.key())) {
                    problems.add(LintCode.SYSCTL_NOT_NAMESPACED.at(sysctl.location(),
                            "sysctl `" + sysctl.key() + "` of service `" + service.name() + "` is not namespaced",
                            "a container can only set kernel parameters that are namespaced, because everything else "
                                    + "changes the whole host for every build on it; allowed: "
                                    + String.join(", ", Sysctls.ALLOWED)));
                } else if (service.hostNetwork() && Sysctls.isNetwork(sysctl.key())) {
                    problems.add(LintCode.SYSCTL_HOST_NETWORK.at(sysctl.location(),
                            "sysctl `" + sysctl.key() + "` cannot be set on service `" + service.name()
                                    + "`, which uses the host network",
                            "net.* parameters belong to a network namespace; with host_network the service shares the "
                                    + "host's, so remove host_network or the sysctl"));
                }
            }
        }
    }

    private void dependencyCycles() {
        Map<String, List<String>> edges = new HashMap<>();
        for (ServiceSpec service : pipeline.services()) {
            edges.put(service.name(), service.dependsOn().stream().map(Reference::name).filter(serviceNames::contains).toList());
        }
        Set<String> reported = new HashSet<>();
        for (ServiceSpec service : pipeline.services()) {
            List<String> cycle = cycleFrom(service.name(), service.name(), edges, new ArrayList<>(), new HashSet<>());
            if (!cycle.isEmpty() && reported.add(String.join(",", new java.util.TreeSet<>(cycle)))) {
                List<String> path = new ArrayList<>(cycle);
                path.add(service.name());
                problems.add(LintCode.SERVICE_DEPENDENCY_CYCLE.at(service.location(),
                        "services depend on each other in a cycle: " + String.join(" → ", path),
                        "no service in a cycle can start first; remove one of these depends_on entries"));
            }
        }
    }

    /** The path from {@code at} back to {@code target}, or empty when there is none. */
    private static List<String> cycleFrom(String target, String at, Map<String, List<String>> edges, List<String> path,
                                          Set<String> visited) {
        path.add(at);
        for (String next : edges.getOrDefault(at, List.of())) {
            if (next.equals(target)) {
                return path;
            }
            if (visited.add(next)) {
                List<String> found = cycleFrom(target, next, edges, new ArrayList<>(path), visited);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return List.of();
    }

    private void steps() {
        Map<String, Step> seen = new HashMap<>();
        for (Step step : pipeline.allSteps()) {
            Step first = seen.putIfAbsent(step.name(), step);
            if (first != null) {
                problems.add(LintCode.STEP_DUPLICATE_NAME.at(step.location(), "two steps are named `" + step.name()
                        + "`; the other is at " + first.location(), "give every step its own name"));
            }
            switch (step) {
                case Step.Run run -> {
                    imageRef(run.image(), "step `" + run.name() + "`");
                    for (Reference service : run.services()) {
                        serviceRef(service, "step `" + run.name() + "` needs");
                    }
                    plainTextSecrets(run.environment(), "variable");
                }
                case Step.Push push -> {
                    if (!imageNames.contains(push.image().name())) {
                        String suggestion = Suggestions.didYouMean(push.image().name(), imageNames);
                        problems.add(LintCode.PUSH_IMAGE_NOT_BUILT.at(push.image().location(), "step `" + push.name()
                                + "` pushes `" + push.image().name() + "`, which no entry of `images` builds",
                                (suggestion.isEmpty() ? "" : suggestion + " ") + "a push sends an image that this build "
                                        + "built; declare it under `images`" + known(imageNames)));
                    }
                    push.tags().forEach(this::literalTagText);
                }
                case Step.Release release -> {
                    // Release tags are git tags, which allow more than Docker tags; nothing to clean.
                }
                case Step.Parallel parallel -> {
                    emptyGroup(parallel, "parallel");
                    for (Step child : parallel.steps()) {
                        if (child instanceof Step.Serial serial) {
                            serial.steps().stream().filter(s -> s instanceof Step.Parallel).forEach(s -> problems.add(
                                    LintCode.STEP_PARALLEL_IN_LANE.at(s.location(), "the steps of parallel group `" + s.name()
                                            + "` run one after another, because it sits in serial group `" + serial.name()
                                            + "` inside parallel group `" + parallel.name() + "`",
                                            "make them separate steps of the serial group, or move the group out")));
                        }
                    }
                }
                case Step.Serial serial -> emptyGroup(serial, "serial");
            }
        }
    }

    private void emptyGroup(Step.Group group, String kind) {
        if (group.steps().isEmpty()) {
            problems.add(LintCode.STEP_EMPTY_GROUP.at(group.location(), kind + " group `" + group.name() + "` holds no steps",
                    "add steps to it or remove it"));
        }
    }

    private void imageRef(ImageRef ref, String user) {
        switch (ref) {
            case ImageRef.Built built -> {
                if (!imageNames.contains(built.image())) {
                    String suggestion = Suggestions.didYouMean(built.image(), imageNames);
                    problems.add(LintCode.REF_UNKNOWN_IMAGE.at(built.location(), user + " uses `" + built.label()
                            + "`, but no image `" + built.image() + "` is declared under `images`",
                            (suggestion.isEmpty() ? "" : suggestion + " ") + "`name@stage` names a stage of a built image"
                                    + known(imageNames)));
                }
            }
            case ImageRef.External external -> {
                String reference = external.reference();
                boolean plainName = !reference.isEmpty() && !reference.contains(":") && !reference.contains("/");
                if (plainName) {
                    Suggestions.closest(reference, imageNames).ifPresent(close -> problems.add(LintCode.REF_IMAGE_NOT_BUILT.at(
                            external.location(), user + " runs in `" + reference + "`, which is pulled from a registry, not"
                                    + " built here", "did you mean the built image `" + close + "`?")));
                }
            }
        }
    }

    private void serviceRef(Reference ref, String user) {
        if (!serviceNames.contains(ref.name())) {
            String suggestion = Suggestions.didYouMean(ref.name(), serviceNames);
            problems.add(LintCode.REF_UNKNOWN_SERVICE.at(ref.location(), user + " `" + ref.name()
                    + "`, which is not a declared service", (suggestion.isEmpty() ? "" : suggestion + " ")
                    + "declare it under `services`" + known(serviceNames)));
        }
    }

    private void plainTextSecrets(List<EnvVar> variables, String what) {
        for (EnvVar variable : variables) {
            if (variable.value() instanceof EnvVar.Literal(String text) && !text.isBlank() && !text.startsWith("$")
                    && SECRET_NAME.matcher(variable.name().toUpperCase(Locale.ROOT)).matches()) {
                problems.add(LintCode.SECRET_PLAIN_TEXT.at(variable.location(), "the " + what + " `" + variable.name()
                        + "` looks like a secret but its value is written in the file",
                        "anyone who can read the repository can read it, and it travels with the build plan; store it "
                                + "in the credential broker and write `secrets: [" + variable.name() + "]` or `"
                                + variable.name() + ": { secret: name }`"));
            }
        }
    }

    private void literalTagText(TagTemplate template) {
        String literal = template.literalText();
        boolean invalidCharacter = literal.chars().anyMatch(c -> !(c < 128 && (Character.isLetterOrDigit(c) || c == '_'
                || c == '.' || c == '-')));
        boolean invalidStart = template.parts().stream().findFirst()
                .filter(p -> p instanceof TagTemplate.Literal l && (l.text().startsWith(".") || l.text().startsWith("-")))
                .isPresent();
        if (invalidCharacter || invalidStart) {
            String example = DockerTag.clean(literal).orElse("");
            problems.add(LintCode.TEMPLATE_CLEANED.at(template.location(), "the tag `" + template.source()
                    + "` is not a valid Docker tag as written and will be cleaned" + (template.isConstant()
                    ? " to `" + example + "`" : ""), "Docker tags hold letters, digits, `_`, `.` and `-`, start with a "
                    + "letter, digit or `_`, and have at most 128 characters; write the tag that way"));
        }
    }

    private static String known(List<String> names) {
        return names.isEmpty() ? " (none are)" : " (declared: " + String.join(", ", names) + ")";
    }
}
