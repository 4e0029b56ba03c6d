package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.model.ServiceSpec;
import dev.slipway.pipeline.model.SkipRules;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.Triggers;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.Node;
import dev.slipway.pipeline.source.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a Codeship Pro project, {@code codeship-services.yml} with {@code codeship-steps.yml} (or
 * their {@code .json} forms), into a {@link Pipeline} of format {@link Pipeline.Format#CODESHIP}.
 *
 * <p>The mapping, in short: a service with {@code build} is an image named after the service; a
 * step runs its {@code command} in its service's image, with that service's environment and its
 * {@code depends_on} as services; {@code type: push} pushes the image built for its service to the
 * repository {@code image_name} names; {@code tag}/{@code exclude} filter on the branch of a push
 * and the tag of a tag build. Codeship files say nothing about events, so every event is accepted
 * (except tags from Slipway's own releases) and the default skip tokens apply.
 *
 * <p>Reading never throws for bad input: it reports {@link Problem}s and builds what it can. The
 * pipeline is absent only when a file is missing or unreadable; a pipeline read with errors among
 * the problems is for reporting, never for running.
 */
public final class CodeshipReader {

    public static final String SERVICES_YML = "codeship-services.yml";
    public static final String SERVICES_JSON = "codeship-services.json";
    public static final String STEPS_YML = "codeship-steps.yml";
    public static final String STEPS_JSON = "codeship-steps.json";
    /** The names Codeship looked for, in its order of preference. */
    public static final List<String> SERVICES_FILES = List.of(SERVICES_YML, SERVICES_JSON);
    public static final List<String> STEPS_FILES = List.of(STEPS_YML, STEPS_JSON);

    private CodeshipReader() {
    }

    /** A file's name as the user knows it, and its text. */
    public record Source(String file, String text) {
        public Source {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
        }
    }

    /** What was read, and everything found wrong on the way, in file order per file. */
    public record Read(Optional<Pipeline> pipeline, List<Problem> problems) {
        public Read {
            Objects.requireNonNull(pipeline, "pipeline");
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    /** Whether {@code fileName} (a path's last part) is one of Codeship's services or steps files ({@code .yaml} too). */
    public static boolean isCodeshipFile(String fileName) {
        return fileName.matches("codeship-(services|steps)\\.(ya?ml|json)");
    }

    /**
     * Reads a Codeship project from the files given, picking the services and the steps file by
     * name (in any directory). Other files, and a second services or steps file, are reported and
     * not read.
     */
    public static Read read(List<Source> files) {
        List<Problem> extra = new ArrayList<>();
        Optional<Source> services = Optional.empty();
        Optional<Source> steps = Optional.empty();
        for (Source file : files) {
            String name = file.file().substring(Math.max(file.file().lastIndexOf('/'), file.file().lastIndexOf('\\')) + 1);
            boolean isServices = isCodeshipFile(name) && name.startsWith("codeship-services.");
            boolean isSteps = isCodeshipFile(name) && name.startsWith("codeship-steps.");
            if (isServices && services.isEmpty()) {
                services = Optional.of(file);
            } else if (isSteps && steps.isEmpty()) {
                steps = Optional.of(file);
            } else {
                extra.add(LintCode.FORMAT_UNSUPPORTED.at(Location.startOf(file.file()),
                        "`" + file.file() + "` is not read: a Codeship project is one codeship-services file and one"
                                + " codeship-steps file" + (isServices || isSteps ? ", and one was already given" : ""),
                        "give codeship-services.yml and codeship-steps.yml (or their .json forms) only"));
            }
        }
        Read read = read(services, steps);
        List<Problem> problems = new ArrayList<>(extra);
        problems.addAll(read.problems());
        return new Read(read.pipeline(), problems);
    }

    /** Reads the two files; either may be missing, which is itself a problem. */
    public static Read read(Optional<Source> services, Optional<Source> steps) {
        List<Problem> problems = new ArrayList<>();
        if (services.isEmpty() && steps.isEmpty()) {
            problems.add(LintCode.CODESHIP_MISSING_FILE.at(Location.startOf(SERVICES_YML),
                    "neither codeship-services.yml nor codeship-steps.yml was given", "a Codeship project needs both"));
            return new Read(Optional.empty(), problems);
        }
        if (services.isEmpty()) {
            problems.add(LintCode.CODESHIP_MISSING_FILE.at(Location.startOf(steps.get().file()),
                    steps.get().file() + " comes without codeship-services.yml, which declares the services its steps"
                            + " run in", "add codeship-services.yml (or codeship-services.json) beside it"));
        }
        if (steps.isEmpty()) {
            problems.add(LintCode.CODESHIP_MISSING_FILE.at(Location.startOf(services.get().file()),
                    services.get().file() + " comes without codeship-steps.yml, so nothing would run",
                    "add codeship-steps.yml (or codeship-steps.json) beside it"));
        }
        Optional<Node> servicesRoot = services.flatMap(s -> parse(s, problems));
        Optional<Node> stepsRoot = steps.flatMap(s -> parse(s, problems));
        if (servicesRoot.isEmpty() || stepsRoot.isEmpty()) {
            return new Read(Optional.empty(), inFileOrder(problems));
        }
        List<CodeshipService> declared =
                new ServicesReader(services.get().file(), problems::add).read(servicesRoot.get());
        List<CodeshipService> checked = withKnownDependencies(declared, problems);
        List<Step> stepList = new StepsReader(steps.get().file(), checked, problems::add).read(stepsRoot.get());
        Location start = Location.startOf(steps.get().file());
        if (stepsRoot.get() instanceof Node.Sequence sequence && sequence.items().isEmpty()) {
            problems.add(LintCode.STEPS_MISSING.at(sequence.location(), steps.get().file() + " lists no steps",
                    "add a step such as `- service: app` with `command: make test`"));
        }
        Pipeline pipeline = new Pipeline(Pipeline.Format.CODESHIP, start, Triggers.undeclared(start),
                SkipRules.defaults(start),
                checked.stream().flatMap(s -> s.build().stream()).toList(),
                sidecars(checked, stepList), stepList, Optional.empty());
        return new Read(Optional.of(pipeline), inFileOrder(problems));
    }

    /** Problems sorted by file, line and column; a stable sort keeps the order of problems at one place. */
    private static List<Problem> inFileOrder(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line()).thenComparingInt(p -> p.location().column())).toList();
    }

    private static Optional<Node> parse(Source source, List<Problem> problems) {
        SourceFile.Read read = SourceFile.read(source.file(), source.text());
        problems.addAll(read.problems());
        return read.root();
    }

    /** The services with every {@code depends_on} that names no service reported and dropped. */
    private static List<CodeshipService> withKnownDependencies(List<CodeshipService> services, List<Problem> problems) {
        Set<String> known = services.stream().map(CodeshipService::name).collect(Collectors.toCollection(LinkedHashSet::new));
        List<CodeshipService> checked = new ArrayList<>();
        for (CodeshipService service : services) {
            List<Reference> dependsOn = new ArrayList<>();
            for (Reference dependency : service.dependsOn()) {
                if (known.contains(dependency.name())) {
                    dependsOn.add(dependency);
                } else {
                    problems.add(StepsReader.unknownService(
                            new Node.Scalar(dependency.location(), dependency.name(), false), known));
                }
            }
            checked.add(new CodeshipService(service.name(), service.location(), service.imageNames(), service.build(),
                    service.runs(), service.environment(), dependsOn));
        }
        return checked;
    }

    /**
     * The services that run beside steps: every service some step's service depends on, directly or
     * through another, in file order. A service that is only ever a step's own container is not one.
     */
    private static List<ServiceSpec> sidecars(List<CodeshipService> services, List<Step> steps) {
        Map<String, CodeshipService> byName =
                services.stream().collect(Collectors.toMap(CodeshipService::name, Function.identity()));
        Set<String> needed = new LinkedHashSet<>();
        Deque<Reference> pending = new ArrayDeque<>();
        for (Step step : allSteps(steps)) {
            if (step instanceof Step.Run run) {
                pending.addAll(run.services());
            }
        }
        while (!pending.isEmpty()) {
            Reference next = pending.pop();
            if (needed.add(next.name()) && byName.containsKey(next.name())) {
                pending.addAll(byName.get(next.name()).dependsOn());
            }
        }
        return services.stream()
                .filter(s -> needed.contains(s.name()))
                .map(s -> new ServiceSpec(s.name(), s.location(), s.runs(), s.environment(), List.of(), Optional.empty(),
                        s.dependsOn(), false))
                .toList();
    }

    private static List<Step> allSteps(List<Step> steps) {
        List<Step> all = new ArrayList<>();
        for (Step step : steps) {
            all.add(step);
            if (step instanceof Step.Group group) {
                all.addAll(allSteps(group.steps()));
            }
        }
        return all;
    }
}
