package dev.slipway.pipeline.plan;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.model.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything execution needs to run one build, and nothing it must interpret: stages run one after
 * another; the lanes of a stage run at the same time, and the steps of a lane one after another.
 *
 * @param buildId     the build's id
 * @param buildNumber the build's number in its repository
 * @param createdAt   when the build was requested
 * @param repository  {@code owner/name}
 * @param trigger     the event that caused it
 * @param cancelPrevious whether this build cancels running builds of the same branch ({@code on.push.cancel_previous},
 *                    push events only)
 * @param images      images to build before the first stage, each once; steps and pushes refer to
 *                    them by {@link PlanImage#key()}
 * @param services    services to start, dependencies first
 * @param stages      the steps to run
 * @param secrets     every secret the build uses, by name, sorted
 * @param timeout     the whole build's limit
 * @param warnings    lint and compile warnings, carried for people to see
 */
public record BuildPlan(String buildId, long buildNumber, Instant createdAt, String repository, Trigger trigger,
                        boolean cancelPrevious, List<PlanImage> images, List<PlanService> services, List<Stage> stages,
                        List<SecretReference> secrets, Duration timeout, List<Problem> warnings) {

    /** The limit when the pipeline sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public BuildPlan {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(trigger, "trigger");
        images = List.copyOf(images);
        services = List.copyOf(services);
        stages = List.copyOf(stages);
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(timeout, "timeout");
        warnings = List.copyOf(warnings);
    }

    /** The event, as far as the build needs it. */
    public record Trigger(EventType event, String branch, String tag, String commit) {
        public Trigger {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(commit, "commit");
        }
    }

    /**
     * An image to build.
     *
     * @param key        how steps refer to it: the image's name, or {@code name@stage} when a stage
     *                   other than the image's own target is built
     * @param image      the image's name in the pipeline
     * @param target     the stage built, when not the Dockerfile's last
     * @param dockerfile relative to {@code context}
     */
    public record PlanImage(String key, String image, String context, String dockerfile, Optional<String> target,
                            List<Variable> buildArgs, List<String> cacheFrom) {
        public PlanImage {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(dockerfile, "dockerfile");
            Objects.requireNonNull(target, "target");
            buildArgs = List.copyOf(buildArgs);
            cacheFrom = List.copyOf(cacheFrom);
        }
    }

    /** A variable: a literal {@code value}, or the name of a {@code secret} resolved at run time; exactly one is present. */
    public record Variable(String name, Optional<String> value, Optional<String> secret) {
        public Variable {
            Objects.requireNonNull(name, "name");
            if (value.isPresent() == secret.isPresent()) {
                throw new IllegalArgumentException("variable " + name + " needs exactly one of a value and a secret");
            }
        }
    }

    /** An image to run: one built by this plan (by {@link PlanImage#key()}), or one to pull. */
    public record ImageUse(boolean built, String name) {
        public ImageUse {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A service container. */
    public record PlanService(String name, ImageUse image, List<Variable> environment, List<Sysctl> sysctls,
                              Optional<Healthcheck> healthcheck, List<String> dependsOn, boolean hostNetwork) {
        public PlanService {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            environment = List.copyOf(environment);
            sysctls = List.copyOf(sysctls);
            Objects.requireNonNull(healthcheck, "healthcheck");
            dependsOn = List.copyOf(dependsOn);
        }
    }

    public record Sysctl(String key, String value) {
    }

    public record Healthcheck(String command, Duration interval, Duration timeout, int retries) {
    }

    /** Steps that start together; {@code timeout} is the group's, when a group with one made it. */
    public record Stage(String name, List<Lane> lanes, Optional<Duration> timeout) {
        public Stage {
            Objects.requireNonNull(name, "name");
            lanes = List.copyOf(lanes);
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Steps that run one after another within a stage. */
    public record Lane(List<PlanStep> steps) {
        public Lane {
            steps = List.copyOf(steps);
        }
    }

    /** One step to run. {@code runsOn} says in which build states it runs. */
    public sealed interface PlanStep permits RunStep, PushStep, ReleaseStep {
        String name();

        List<StepStatus> runsOn();

        Optional<Duration> timeout();
    }

    public record RunStep(String name, ImageUse image, List<String> commands, List<Variable> environment,
                          List<String> services, List<StepStatus> runsOn, Optional<Duration> timeout) implements PlanStep {
        public RunStep {
            commands = List.copyOf(commands);
            environment = List.copyOf(environment);
            services = List.copyOf(services);
            runsOn = List.copyOf(runsOn);
        }
    }

    /**
     * Pushes the image built as {@code image} (a {@link PlanImage#key()}) to {@code to} under each
     * of {@code tags}, already rendered and valid.
     */
    public record PushStep(String name, String image, String to, List<String> tags, Optional<String> credential,
                           List<StepStatus> runsOn, Optional<Duration> timeout) implements PlanStep {
        public PushStep {
            tags = List.copyOf(tags);
            runsOn = List.copyOf(runsOn);
        }

        /** {@code to:tag} for every tag. */
        public List<String> references() {
            return tags.stream().map(t -> to + ":" + t).toList();
        }
    }

    /** Publishes a release with the rendered {@code tag}. */
    public record ReleaseStep(String name, String tag, String notes, List<StepStatus> runsOn, Optional<Duration> timeout)
            implements PlanStep {
        public ReleaseStep {
            runsOn = List.copyOf(runsOn);
        }
    }

    /**
     * A secret the build uses; never its value.
     *
     * @param secret the secret's name in the credential broker
     * @param usedBy what uses it: {@code step test}, {@code service db}, {@code image app}
     * @param as     how: the variable or build argument it becomes, or {@code registry credential}
     */
    public record SecretReference(String secret, String usedBy, String as) {
    }

    /** All steps, in order. */
    public List<PlanStep> steps() {
        return stages.stream().flatMap(s -> s.lanes().stream()).flatMap(l -> l.steps().stream()).toList();
    }

    /** Every push, in order. */
    public List<PushStep> pushes() {
        return steps().stream().filter(s -> s instanceof PushStep).map(s -> (PushStep) s).toList();
    }

    /** The release steps, in order; usually none or one. */
    public List<ReleaseStep> releases() {
        return steps().stream().filter(s -> s instanceof ReleaseStep).map(s -> (ReleaseStep) s).toList();
    }
}
