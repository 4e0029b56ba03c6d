package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.BuildSetup;
import dev.slipway.execution.application.port.out.CheckoutFailedException;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.StepExit;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.application.port.out.Workspace;
import dev.slipway.execution.domain.BuildImageName;
import dev.slipway.execution.domain.BuildProgress;
import dev.slipway.execution.domain.BuildSchedule;
import dev.slipway.execution.domain.DurationWords;
import dev.slipway.execution.domain.PlanSecrets;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build's plan, run to its end on the backend: checkout, images, services, then the stages.
 *
 * <ol>
 *   <li>Step {@code clone} checks the commit out. Every image's context and Dockerfile are then
 *       checked against the repository before anything is built or run.</li>
 *   <li>Each image is built, as step {@code build <key>}, and announced in {@code ImageBuilt}. A
 *       failed image fails the build; the images after it are not built and no service starts,
 *       but the steps that run on failure still run.</li>
 *   <li>Services start in the plan's order (dependencies first), each awaited healthy when it has a
 *       check. One that does not start or stays unhealthy errors the build.</li>
 *   <li>Stages run one after another, the lanes of a stage at the same time on virtual threads,
 *       the steps of a lane one after another, each when its {@code runs_on} matches the build's
 *       state so far.</li>
 * </ol>
 *
 * The build's network and workspace volume are set up when the first container needs them, so
 * that a build that only builds and pushes images makes neither. Every step is announced with
 * {@code StepStarted} and {@code StepFinished}; whatever goes wrong inside a step ends that step
 * {@code errored}, never the executor.
 */
final class PlanExecution {

    /** How long a container's remaining output may take to arrive after it exited. */
    static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);
    /** How long the lanes of a stopping executor get to stop their containers. */
    static final Duration STOPPING_LANES = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(PlanExecution.class);

    private final Run run;
    private final BuildPlan plan;
    private final BuildSchedule schedule;
    private final Map<String, String> secrets;
    private final Map<Integer, Optional<RegistryAuth>> registryAuths;
    private final Ports ports;
    private final BuildLog output;
    private final BuildControl control;
    private final BuildProgress progress;
    private final Instant deadline;
    private final OptionalLong memoryLimit;

    private final Map<String, String> builtImages = new ConcurrentHashMap<>();
    private final List<Thread> serviceOutputs = new CopyOnWriteArrayList<>();
    private final Object setupLock = new Object();
    private BuildResources resources;
    private volatile boolean executorStopped;

    /** What the execution works with, besides the build itself. */
    record Ports(SourceCheckout checkout, BuildBackend backend, RunRepository runs, BuildEventPublisher events,
                 Transactions transactions, Clock clock) {
    }

    /**
     * @param registryAuths the login of each push step, by its step number
     * @param memoryLimit   the memory each container may use, in bytes, or empty for no limit
     */
    PlanExecution(Run run, BuildPlan plan, Map<String, String> secrets, Map<Integer, Optional<RegistryAuth>> registryAuths,
                  Ports ports, BuildLog output, BuildControl control, Instant startedAt, OptionalLong memoryLimit) {
        this.run = run;
        this.plan = plan;
        this.schedule = BuildSchedule.of(plan);
        this.secrets = Map.copyOf(secrets);
        this.registryAuths = Map.copyOf(registryAuths);
        this.ports = ports;
        this.output = output;
        this.control = control;
        this.progress = control.progress();
        this.deadline = startedAt.plus(plan.timeout());
        this.memoryLimit = memoryLimit;
    }

    /** Whether the executor was stopped (its worker interrupted) while this build ran. */
    boolean executorStopped() {
        return executorStopped;
    }

    /** Runs the plan; returns once no step of it runs any more. Outcomes land in the progress. */
    void execute() {
        if (progress.stopped().isPresent()) {
            return;
        }
        Optional<Workspace> checkedOut = checkout();
        if (checkedOut.isEmpty()) {
            return;
        }
        try (Workspace workspace = checkedOut.get()) {
            Map<String, RepositoryPaths.Allowed> contexts = checkPaths(workspace);
            if (contexts == null) {
                return;
            }
            buildImages(contexts);
            if (progress.state() == StepStatus.SUCCESS) {
                startServices(workspace);
            }
            for (BuildSchedule.ScheduledStage stage : schedule.stages()) {
                if (progress.stopped().isPresent()) {
                    break;
                }
                runStage(stage, workspace);
            }
        }
    }

    /** After the build: the services' output threads have a moment to deliver their last lines. */
    void drainServiceOutput() {
        for (Thread thread : serviceOutputs) {
            join(thread, Duration.ofSeconds(2));
        }
    }

    // --- checkout and paths --------------------------------------------------------------------

    private Optional<Workspace> checkout() {
        Workspace[] workspace = new Workspace[1];
        try {
            step(BuildSchedule.CLONE_INDEX, BuildSchedule.CLONE_STEP, () -> {
                try {
                    workspace[0] = ports.checkout().checkout(run.buildId(), run.cloneUrl(), run.commitSha(),
                            line -> output.line(BuildSchedule.CLONE_STEP, line));
                    return StepResult.succeeded();
                } catch (CheckoutFailedException e) {
                    output.line(BuildSchedule.CLONE_STEP, e.getMessage());
                    control.error("step '" + BuildSchedule.CLONE_STEP + "' failed: " + e.getMessage());
                    return new StepResult(StepOutcome.ERRORED, null, e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            if (workspace[0] != null) {
                workspace[0].close();
            }
            throw e;
        }
        return Optional.ofNullable(workspace[0]);
    }

    /** The checked context of every image, or null when one is refused (and the build errored). */
    private Map<String, RepositoryPaths.Allowed> checkPaths(Workspace workspace) {
        Map<String, RepositoryPaths.Allowed> contexts = new LinkedHashMap<>();
        for (BuildPlan.PlanImage image : plan.images()) {
            switch (RepositoryPaths.check(workspace.directory(), image)) {
                case RepositoryPaths.Allowed allowed -> contexts.put(image.key(), allowed);
                case RepositoryPaths.Refused refused -> {
                    control.error("refused before anything ran: " + refused.reason());
                    return null;
                }
            }
        }
        return contexts;
    }

    // --- images --------------------------------------------------------------------------------

    private void buildImages(Map<String, RepositoryPaths.Allowed> contexts) {
        for (BuildSchedule.ScheduledImage image : schedule.images()) {
            if (!mayContinue() || progress.state() != StepStatus.SUCCESS) {
                return;
            }
            step(image.index(), image.stepName(), () -> buildImage(image, contexts.get(image.image().key())));
        }
    }

    private StepResult buildImage(BuildSchedule.ScheduledImage scheduled, RepositoryPaths.Allowed context) {
        BuildPlan.PlanImage image = scheduled.image();
        String step = scheduled.stepName();
        String name = BuildImageName.forImage(run.repositoryName(), image.key(), run.buildNumber()).toString();
        ImageBuildRequest request = new ImageBuildRequest(run.buildId(), BuildContext.directory(context.context()),
                context.dockerfile(), List.of(name),
                Map.of(BuildBackend.BUILD_LABEL, run.buildId().toString(),
                        BuildBackend.COMMIT_LABEL, run.commitSha(),
                        BuildBackend.STEP_LABEL, step,
                        ContainerSpecs.IMAGE_LABEL, image.key()),
                image.target().orElse(null), PlanSecrets.values(image.buildArgs(), secrets), image.cacheFrom());
        ImageBuildResult result = ports.backend().buildImage(request, line -> output.line(step, line));
        return switch (result) {
            case ImageBuildResult.Built built -> {
                ports.transactions().inTransaction(() -> {
                    ports.runs().recordImage(run.buildId(), built.imageId());
                    ports.events().publish(new ImageBuilt(run.buildId(), step, built.imageId(), List.of(name)), run);
                });
                builtImages.put(image.key(), built.imageId());
                yield StepResult.succeeded();
            }
            case ImageBuildResult.Failed failed -> {
                progress.stepFailed("step '" + step + "' failed: " + failed.message());
                yield new StepResult(StepOutcome.FAILED, failed.exitCode(), failed.message());
            }
        };
    }

    // --- services ------------------------------------------------------------------------------

    private void startServices(Workspace workspace) {
        for (BuildPlan.PlanService service : plan.services()) {
            if (!mayContinue()) {
                return;
            }
            String logName = "service " + service.name();
            try {
                ContainerSpec spec = ContainerSpecs.service(service, inputs());
                ContainerHandle handle = ports.backend().startStep(resources(workspace), spec);
                control.started(handle);
                serviceOutputs.add(follow(handle, logName));
                if (service.healthcheck().isPresent()) {
                    Duration limit = min(ContainerSpecs.healthLimit(service), remaining());
                    Optional<String> unhealthy = ports.backend().awaitHealthy(handle, limit);
                    if (unhealthy.isPresent()) {
                        output.line(logName, unhealthy.get());
                        control.error("service " + service.name() + " is not healthy: " + unhealthy.get());
                        return;
                    }
                }
            } catch (BuildBackendException e) {
                output.line(logName, e.getMessage());
                control.error(stoppedExecutor() ? "the executor stopped while service " + service.name()
                        + " started" : "service " + service.name() + " could not be started: " + e.getMessage());
                return;
            }
        }
    }

    // --- stages, lanes and steps ---------------------------------------------------------------

    private void runStage(BuildSchedule.ScheduledStage stage, Workspace workspace) {
        List<Thread> lanes = new ArrayList<>();
        for (List<BuildSchedule.ScheduledStep> lane : stage.lanes()) {
            lanes.add(Thread.ofVirtual().name("build-" + run.buildId() + "-" + stage.name())
                    .start(() -> runLane(lane, workspace)));
        }
        for (Thread lane : lanes) {
            try {
                lane.join();
            } catch (InterruptedException e) {
                // The executor is stopping: stop the containers, and give the lanes a moment to notice.
                executorStopped = true;
                control.error("the executor stopped while the build ran");
                for (Thread other : lanes) {
                    join(other, STOPPING_LANES);
                }
                return;
            }
        }
    }

    private void runLane(List<BuildSchedule.ScheduledStep> lane, Workspace workspace) {
        try {
            runSteps(lane, workspace);
        } catch (RuntimeException e) {
            log.error("build {}: a lane of its steps failed in the executor", run.buildId(), e);
            control.error("the executor failed: " + e);
        }
    }

    private void runSteps(List<BuildSchedule.ScheduledStep> lane, Workspace workspace) {
        for (BuildSchedule.ScheduledStep scheduled : lane) {
            if (!progress.mayStart(scheduled.step().runsOn()) || !mayContinue()) {
                log.debug("build {}: step '{}' does not run (build state {})", run.buildId(), scheduled.name(),
                        progress.state());
                continue;
            }
            switch (scheduled.step()) {
                case BuildPlan.RunStep step -> {
                    if (step.image().built() && !builtImages.containsKey(step.image().name())) {
                        log.info("build {}: step '{}' does not run: image {} was not built", run.buildId(),
                                step.name(), step.image().name());
                        continue;
                    }
                    step(scheduled.index(), step.name(), () -> runStep(scheduled, step, workspace));
                }
                case BuildPlan.PushStep push -> step(scheduled.index(), push.name(), () -> push(scheduled, push));
                case BuildPlan.ReleaseStep release -> recordRelease(scheduled, release);
            }
        }
    }

    private StepResult runStep(BuildSchedule.ScheduledStep scheduled, BuildPlan.RunStep step, Workspace workspace) {
        ContainerSpec spec = ContainerSpecs.step(step, inputs());
        BuildResources resources = resources(workspace);
        Duration remaining = remaining();
        boolean buildLimit = remaining.compareTo(scheduled.timeout()) < 0;
        Duration limit = buildLimit ? remaining : scheduled.timeout();
        ContainerHandle handle = ports.backend().startStep(resources, spec);
        control.started(handle);
        StepExit exit;
        try {
            Thread following = follow(handle, step.name());
            exit = ports.backend().waitStep(handle, limit);
            if (!join(following, OUTPUT_DRAIN)) {
                output.line(step.name(), "(the step's output after this line did not arrive within "
                        + DurationWords.of(OUTPUT_DRAIN) + " of its end)");
            }
        } finally {
            control.exited(handle);
        }
        return result(step.name(), exit, buildLimit ? Optional.empty() : Optional.of(limit));
    }

    /**
     * @param stepLimit the step's own limit, or empty when the build's remaining time was the shorter
     */
    private StepResult result(String step, StepExit exit, Optional<Duration> stepLimit) {
        return switch (exit) {
            case StepExit.Exited(int code, boolean oom) when code == 0 && !oom -> StepResult.succeeded();
            case StepExit.Exited(int code, boolean oom) when stoppedFromOutside() -> stoppedStep(code);
            case StepExit.Exited(int code, boolean oom) when oom -> {
                String message = "killed for running out of memory (exit code " + code + ")";
                progress.stepFailed("step '" + step + "' was " + message);
                yield new StepResult(StepOutcome.OOM_KILLED, code, message);
            }
            case StepExit.Exited(int code, boolean oom) -> {
                String message = "exited with code " + code;
                progress.stepFailed("step '" + step + "' failed: " + message);
                yield new StepResult(StepOutcome.FAILED, code, message);
            }
            case StepExit.TimedOut timedOut when stepLimit.isPresent() -> {
                String message = "timed out after " + DurationWords.of(stepLimit.get());
                progress.stepFailed("step '" + step + "' " + message);
                yield new StepResult(StepOutcome.TIMED_OUT, null, message);
            }
            case StepExit.TimedOut timedOut -> {
                String limit = DurationWords.of(plan.timeout());
                progress.timeOut("the build ran out of its time limit of " + limit + " in step '" + step + "'");
                yield new StepResult(StepOutcome.TIMED_OUT, null, "stopped when the build's time limit of " + limit
                        + " ran out");
            }
        };
    }

    /** Whether the build was cancelled or errored, which stops its containers, rather than timed out. */
    private boolean stoppedFromOutside() {
        return progress.stopped().filter(v -> v.status() != BuildStatus.FAILED).isPresent();
    }

    private StepResult stoppedStep(Integer code) {
        String why = progress.stopped().map(v -> v.reason()).orElse("");
        return new StepResult(StepOutcome.CANCELLED, code,
                (progress.isCancelled() ? "cancelled: " : "stopped: ") + why);
    }

    private StepResult push(BuildSchedule.ScheduledStep scheduled, BuildPlan.PushStep push) {
        String imageId = builtImages.get(push.image());
        if (imageId == null) {
            String message = "image " + push.image() + " was not built in this build, so there is nothing to push";
            progress.stepFailed("step '" + push.name() + "' failed: " + message);
            return new StepResult(StepOutcome.FAILED, null, message);
        }
        PushRequest request = new PushRequest(run.buildId(), imageId, push.to(), push.tags(),
                registryAuths.getOrDefault(scheduled.index(), Optional.empty()));
        PushResult result = ports.backend().pushImage(request, line -> output.line(push.name(), line));
        return switch (result) {
            case PushResult.Pushed pushed -> {
                ports.transactions().inTransaction(() -> ports.events().publish(new ImagePushed(run.buildId(),
                        push.name(), imageId, push.to(), push.tags(), pushed.digest()), run));
                yield StepResult.succeeded();
            }
            case PushResult.Refused refused -> {
                output.line(push.name(), refused.describe());
                progress.stepFailed("step '" + push.name() + "' failed: " + refused.describe());
                yield new StepResult(StepOutcome.FAILED, null, refused.describe());
            }
        };
    }

    /**
     * A release step is not the executor's to run: the releases service publishes the release when
     * the build has finished. It is recorded as finished, saying so, and never as started.
     */
    private void recordRelease(BuildSchedule.ScheduledStep scheduled, BuildPlan.ReleaseStep release) {
        Instant now = ports.clock().instant();
        String message = "not run by the executor: the releases service publishes release " + release.tag()
                + " once the build has finished";
        ports.transactions().inTransaction(() -> ports.events().publish(new StepFinished(run.buildId(),
                scheduled.index(), release.name(), StepOutcome.SUCCEEDED, null, message, now), run));
    }

    // --- the parts every step shares -----------------------------------------------------------

    /** How a step ended. */
    record StepResult(StepOutcome outcome, Integer exitCode, String message) {
        static StepResult succeeded() {
            return new StepResult(StepOutcome.SUCCEEDED, null, "");
        }
    }

    /**
     * Announces step {@code index} as started, runs it, and announces how it ended. A fault of the
     * engine, or of the executor itself, ends the step {@code errored} and stops the build; a fault
     * that comes once the build was stopped from outside (a cancel aborts its image build or push)
     * ends the step as stopped.
     */
    private void step(int index, String name, Supplier<StepResult> body) {
        Instant started = ports.clock().instant();
        ports.transactions().inTransaction(() -> ports.events().publish(new StepStarted(run.buildId(), index, name,
                started), run));
        StepResult result;
        try {
            result = body.get();
        } catch (BuildBackendException e) {
            if (stoppedExecutor() || !stoppedFromOutside()) {
                String message = executorStopped ? "the executor stopped while it ran"
                        : "the Docker engine failed: " + e.getMessage();
                output.line(name, message);
                control.error("step '" + name + "': " + message);
                result = new StepResult(StepOutcome.ERRORED, null, message);
            } else {
                // A cancel (or an error elsewhere) aborted the step's image build or push: it ends as stopped.
                result = stoppedStep(null);
            }
        } catch (RuntimeException e) {
            log.error("build {}: step '{}' failed in the executor", run.buildId(), name, e);
            String message = "the executor failed: " + e;
            control.error("step '" + name + "': " + message);
            result = new StepResult(StepOutcome.ERRORED, null, message);
        }
        output.flush();
        StepResult ended = result;
        Instant finished = ports.clock().instant();
        ports.transactions().inTransaction(() -> ports.events().publish(new StepFinished(run.buildId(), index, name,
                ended.outcome(), ended.exitCode(), output.masked(ended.message()), finished), run));
    }

    /** Whether the worker was interrupted, clearing the flag so that the build's end can still be recorded. */
    private boolean stoppedExecutor() {
        if (Thread.interrupted()) {
            executorStopped = true;
        }
        return executorStopped;
    }

    /** Whether further work may start: the build is not stopped, and its time is not up. */
    private boolean mayContinue() {
        if (progress.stopped().isPresent()) {
            return false;
        }
        if (!remaining().isPositive()) {
            progress.timeOut("the build ran out of its time limit of " + DurationWords.of(plan.timeout()));
            return false;
        }
        return true;
    }

    private Duration remaining() {
        return Duration.between(ports.clock().instant(), deadline);
    }

    private ContainerSpecs.Inputs inputs() {
        return new ContainerSpecs.Inputs(plan, builtImages, secrets, memoryLimit);
    }

    /** The build's network and workspace volume, set up by the first container that needs them. */
    private BuildResources resources(Workspace workspace) {
        synchronized (setupLock) {
            if (resources == null) {
                resources = ports.backend().setup(new BuildSetup(run.buildId(),
                        Map.of(BuildBackend.COMMIT_LABEL, run.commitSha()), BuildContext.directory(workspace.directory())));
            }
            return resources;
        }
    }

    /** Follows a container's output on a virtual thread, into the build's log under {@code step}. */
    private Thread follow(ContainerHandle container, String step) {
        return Thread.ofVirtual().name("output-" + container.name()).start(() -> {
            try {
                ports.backend().tailStep(container, line -> output.line(step, line));
            } catch (BuildBackendException e) {
                output.line(step, "(the engine stopped sending this output: " + e.getMessage() + ")");
            } catch (RuntimeException e) {
                log.warn("build {}: following the output of {} failed", run.buildId(), step, e);
            }
        });
    }

    /** Waits for {@code thread} at most {@code limit}; whether it ended. */
    private static boolean join(Thread thread, Duration limit) {
        try {
            return thread.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
