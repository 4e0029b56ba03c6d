package dev.slipway.pipeline.plan;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.model.ServiceSpec;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.model.Triggers;
import dev.slipway.pipeline.model.When;
import dev.slipway.pipeline.template.RenderedTag;
import dev.slipway.pipeline.template.TagTemplate;
import dev.slipway.pipeline.template.TemplateValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles the steps that a {@link Decision} matched into a {@link BuildPlan}. The same pipeline,
 * event and context always give an equal plan: lists follow the file's order, except variables
 * (sorted by name) and secrets (sorted).
 *
 * <p>Only a pipeline without lint errors is compiled; the compiler may assume that every reference
 * resolves.
 */
public final class PlanCompiler {

    private final Pipeline pipeline;
    private final Event event;
    private final Set<String> matched;
    private final TemplateValues values;
    private final List<Problem> warnings = new ArrayList<>();
    private final Set<String> imageKeys = new LinkedHashSet<>();
    private final Set<String> neededServices = new LinkedHashSet<>();
    private final List<BuildPlan.SecretReference> secrets = new ArrayList<>();

    private PlanCompiler(Pipeline pipeline, Event event, Decision decision, PlanContext context) {
        this.pipeline = pipeline;
        this.event = event;
        this.matched = decision.matchedSteps();
        this.values = new TemplateValues(event.commit(), event.branch(), event.tag(), context.buildNumber(), context.buildId(),
                context.repoOwner(), context.repoName(), context.timestamp());
    }

    /**
     * The plan for a decision to run.
     *
     * @param warnings lint warnings to carry in the plan; compile warnings are added after them
     * @throws IllegalArgumentException if the decision is not to run, which is a caller's bug
     */
    public static BuildPlan compile(Pipeline pipeline, Event event, Decision decision, PlanContext context,
                                    List<Problem> warnings) {
        if (!decision.runs()) {
            throw new IllegalArgumentException("only a decision to run compiles into a plan, not: " + decision.reason());
        }
        PlanCompiler compiler = new PlanCompiler(pipeline, event, decision, context);
        compiler.warnings.addAll(warnings);
        return compiler.compile(context);
    }

    private BuildPlan compile(PlanContext context) {
        List<BuildPlan.Stage> stages = new ArrayList<>();
        for (Step step : pipeline.steps()) {
            if (matched.contains(step.name())) {
                stages.addAll(stagesOf(step, List.of(), ""));
            }
        }
        List<BuildPlan.PlanService> services = services();
        List<BuildPlan.PlanImage> images = images();
        secrets.sort(Comparator.comparing(BuildPlan.SecretReference::secret).thenComparing(BuildPlan.SecretReference::usedBy)
                .thenComparing(BuildPlan.SecretReference::as));
        return new BuildPlan(context.buildId(), context.buildNumber(), context.timestamp(),
                context.repoOwner() + "/" + context.repoName(),
                new BuildPlan.Trigger(event.type(), event.branch(), event.tag(), event.commit()),
                event.type() == EventType.PUSH && pipeline.triggers().push().map(Triggers.PushTrigger::cancelPrevious).orElse(false),
                images, services, stages,
                List.copyOf(new LinkedHashSet<>(secrets)), pipeline.timeout().orElse(BuildPlan.DEFAULT_TIMEOUT), warnings);
    }

    // --- stages -------------------------------------------------------------------------------

    private List<BuildPlan.Stage> stagesOf(Step step, List<StepStatus> inheritedStatus, String prefix) {
        List<StepStatus> status = status(step.when(), inheritedStatus);
        return switch (step) {
            case Step.Parallel parallel -> {
                List<BuildPlan.Lane> lanes = new ArrayList<>();
                for (Step child : matchedChildren(parallel)) {
                    lanes.addAll(lanesOf(child, status));
                }
                yield List.of(new BuildPlan.Stage(prefix + parallel.name(), lanes, parallel.timeout()));
            }
            case Step.Serial serial -> {
                List<BuildPlan.Stage> stages = new ArrayList<>();
                for (Step child : matchedChildren(serial)) {
                    stages.addAll(stagesOf(child, status, prefix + serial.name() + "/"));
                }
                yield stages;
            }
            default -> List.of(new BuildPlan.Stage(prefix + step.name(), List.of(new BuildPlan.Lane(List.of(action(step, status)))),
                    Optional.empty()));
        };
    }

    /** The lanes a step makes inside a parallel group: one per action, one for a serial group. */
    private List<BuildPlan.Lane> lanesOf(Step step, List<StepStatus> inheritedStatus) {
        List<StepStatus> status = status(step.when(), inheritedStatus);
        return switch (step) {
            case Step.Parallel parallel -> {
                List<BuildPlan.Lane> lanes = new ArrayList<>();
                for (Step child : matchedChildren(parallel)) {
                    lanes.addAll(lanesOf(child, status));
                }
                yield lanes;
            }
            case Step.Serial serial -> {
                List<BuildPlan.PlanStep> steps = new ArrayList<>();
                sequence(serial, status, steps);
                yield List.of(new BuildPlan.Lane(steps));
            }
            default -> List.of(new BuildPlan.Lane(List.of(action(step, status))));
        };
    }

    /** A group's actions one after another: what a lane can hold (see lint code step.parallel-in-lane). */
    private void sequence(Step.Group group, List<StepStatus> status, List<BuildPlan.PlanStep> into) {
        for (Step child : matchedChildren(group)) {
            List<StepStatus> childStatus = status(child.when(), status);
            if (child instanceof Step.Group nested) {
                sequence(nested, childStatus, into);
            } else {
                into.add(action(child, childStatus));
            }
        }
    }

    private List<Step> matchedChildren(Step.Group group) {
        return group.steps().stream().filter(s -> matched.contains(s.name())).toList();
    }

    /** A step's own status condition, or its group's when it states none. */
    private static List<StepStatus> status(When when, List<StepStatus> inherited) {
        return when.status().equals(When.DEFAULT_STATUS) && !inherited.isEmpty() ? inherited : when.status();
    }

    private BuildPlan.PlanStep action(Step step, List<StepStatus> status) {
        return switch (step) {
            case Step.Run run -> {
                for (Reference service : run.services()) {
                    neededServices.add(service.name());
                }
                String usedBy = "step " + run.name();
                yield new BuildPlan.RunStep(run.name(), use(run.image()), run.commands(), variables(run.environment(), usedBy),
                        run.services().stream().map(Reference::name).distinct().toList(), status, run.timeout());
            }
            case Step.Push push -> {
                imageKeys.add(push.image().name());
                push.credential().ifPresent(c -> secrets.add(new BuildPlan.SecretReference(c, "step " + push.name(),
                        "registry credential")));
                yield new BuildPlan.PushStep(push.name(), push.image().name(), push.to(), tags(push.tags()), push.credential(),
                        status, push.timeout());
            }
            case Step.Release release -> {
                String tag = release.tag().render(values).strip();
                if (tag.isEmpty()) {
                    warnings.add(LintCode.TEMPLATE_EMPTY_TAG.at(release.tag().location(), "the release tag `"
                            + release.tag().source() + "` renders to nothing for " + event.describe(),
                            "use variables that every matching event has, or limit the step with `when`"));
                }
                yield new BuildPlan.ReleaseStep(release.name(), tag, release.notes(), status, release.timeout());
            }
            case Step.Group group -> throw new IllegalStateException("groups are not actions: " + group.name());
        };
    }

    private List<String> tags(List<TagTemplate> templates) {
        Set<String> tags = new LinkedHashSet<>();
        for (TagTemplate template : templates) {
            RenderedTag rendered = template.renderTag(values);
            if (rendered.tag().isEmpty()) {
                warnings.add(LintCode.TEMPLATE_EMPTY_TAG.at(template.location(), "the tag `" + template.source()
                        + "` renders to nothing for " + event.describe() + " and is left out",
                        "use variables that every matching event has, such as `{{ .CommitID }}`, or limit the step with `when`"));
            } else if (rendered.cleaned()) {
                warnings.add(LintCode.TEMPLATE_CLEANED.at(template.location(), "the tag `" + template.source() + "` rendered to `"
                        + rendered.raw() + "`, which was cleaned into the Docker tag `" + rendered.tag().get() + "`",
                        "Docker tags hold only letters, digits, `_`, `.` and `-`; this is expected for branch names with `/`"));
            }
            rendered.tag().ifPresent(tags::add);
        }
        return List.copyOf(tags);
    }

    // --- images, services, variables ---------------------------------------------------------

    private BuildPlan.ImageUse use(ImageRef ref) {
        return switch (ref) {
            case ImageRef.Built built -> {
                String key = key(built);
                imageKeys.add(key);
                yield new BuildPlan.ImageUse(true, key);
            }
            case ImageRef.External external -> new BuildPlan.ImageUse(false, external.reference());
        };
    }

    /** {@code app} for the image's own target, {@code app@stage} for another stage. */
    private String key(ImageRef.Built built) {
        Optional<String> target = pipeline.image(built.image()).flatMap(ImageSpec::target);
        return built.stage().filter(stage -> !target.equals(Optional.of(stage))).map(stage -> built.image() + "@" + stage)
                .orElse(built.image());
    }

    private List<BuildPlan.PlanService> services() {
        Set<String> needed = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(neededServices);
        while (!queue.isEmpty()) {
            String name = queue.removeFirst();
            if (needed.add(name)) {
                pipeline.service(name).ifPresent(s -> s.dependsOn().forEach(d -> queue.add(d.name())));
            }
        }
        // Dependencies first; among services that are ready together, the file's order.
        List<BuildPlan.PlanService> ordered = new ArrayList<>();
        Set<String> started = new LinkedHashSet<>();
        List<ServiceSpec> remaining = pipeline.services().stream().filter(s -> needed.contains(s.name())).toList();
        while (started.size() < remaining.size()) {
            Optional<ServiceSpec> next = remaining.stream().filter(s -> !started.contains(s.name()))
                    .filter(s -> s.dependsOn().stream().allMatch(d -> started.contains(d.name()) || !needed.contains(d.name())))
                    .findFirst();
            if (next.isEmpty()) {
                throw new IllegalStateException("dependency cycle among services; lint should have refused the pipeline");
            }
            ServiceSpec service = next.get();
            started.add(service.name());
            String usedBy = "service " + service.name();
            ordered.add(new BuildPlan.PlanService(service.name(), use(service.image()), variables(service.environment(), usedBy),
                    service.sysctls().stream().sorted(Comparator.comparing(ServiceSpec.Sysctl::key))
                            .map(s -> new BuildPlan.Sysctl(s.key(), s.value())).toList(),
                    service.healthcheck().map(h -> new BuildPlan.Healthcheck(h.command(), h.interval(), h.timeout(), h.retries())),
                    service.dependsOn().stream().map(Reference::name).toList(), service.hostNetwork()));
        }
        return ordered;
    }

    private List<BuildPlan.PlanImage> images() {
        List<BuildPlan.PlanImage> images = new ArrayList<>();
        for (ImageSpec spec : pipeline.images()) {
            List<String> keys = imageKeys.stream().filter(k -> k.equals(spec.name()) || k.startsWith(spec.name() + "@"))
                    .sorted().toList();
            for (String key : keys) {
                Optional<String> target = key.contains("@") ? Optional.of(key.substring(key.indexOf('@') + 1)) : spec.target();
                images.add(new BuildPlan.PlanImage(key, spec.name(), spec.context(), spec.dockerfile(), target,
                        variables(spec.buildArgs(), "image " + spec.name()), spec.cacheFrom()));
            }
        }
        return images;
    }

    private List<BuildPlan.Variable> variables(List<EnvVar> variables, String usedBy) {
        List<BuildPlan.Variable> result = new ArrayList<>();
        for (EnvVar variable : variables.stream().sorted(Comparator.comparing(EnvVar::name)).toList()) {
            switch (variable.value()) {
                case EnvVar.Literal(String text) -> result.add(new BuildPlan.Variable(variable.name(), Optional.of(text),
                        Optional.empty()));
                case EnvVar.FromSecret(String secret) -> {
                    result.add(new BuildPlan.Variable(variable.name(), Optional.empty(), Optional.of(secret)));
                    secrets.add(new BuildPlan.SecretReference(secret, usedBy, variable.name()));
                }
            }
        }
        return result;
    }

}
