package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.BuildMetrics;
import dev.slipway.execution.application.port.out.CheckoutFailedException;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.application.port.out.Workspace;
import dev.slipway.execution.domain.BuildImageName;
import dev.slipway.execution.domain.LogBatcher;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed build to its end: step {@code clone} (index 0) checks the commit out, step
 * {@code build} (index 1) builds the repository's {@code Dockerfile}, and {@code BuildFinished}
 * says how it went. Until builds carry a plan, these two steps are every build.
 *
 * <p>Each event goes through the outbox in a small transaction of its own, together with the
 * run's change that it announces, so that history sees a build move while it runs. Whatever
 * happens (a failed instruction, a clone that fails, an engine fault, a bug) the run ends
 * {@code finished} with one {@code BuildFinished}, and the backend's {@code destroy} has run.
 */
public final class BuildRunner {

    /** The first step: the repository checked out at the build's commit. */
    public static final String CLONE_STEP = "clone";
    /** The second step: the image built from the repository's Dockerfile. */
    public static final String BUILD_STEP = "build";
    /** Where the image's instructions are, until a pipeline file can say otherwise. */
    public static final String DOCKERFILE = "Dockerfile";

    private static final Logger log = LoggerFactory.getLogger(BuildRunner.class);
    private static final int FINISH_ATTEMPTS = 3;

    private final SourceCheckout checkout;
    private final BuildBackend backend;
    private final RunRepository runs;
    private final BuildEventPublisher events;
    private final Transactions transactions;
    private final BuildMetrics metrics;
    private final Clock clock;
    private final ExecutorSettings settings;
    private final ScheduledExecutorService logTimer;

    /**
     * @param logTimer flushes log chunks that have waited long enough; shared by all builds
     */
    public BuildRunner(SourceCheckout checkout, BuildBackend backend, RunRepository runs, BuildEventPublisher events,
                       Transactions transactions, BuildMetrics metrics, Clock clock, ExecutorSettings settings,
                       ScheduledExecutorService logTimer) {
        this.checkout = checkout;
        this.backend = backend;
        this.runs = runs;
        this.events = events;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.logTimer = logTimer;
    }

    /**
     * Runs {@code run}, which this executor has claimed and announced as started at
     * {@code startedAt}, and returns once it is finished and announced.
     */
    public void run(Run run, Instant startedAt) {
        BuildLog output = new BuildLog(run,
                new LogBatcher(run.buildId(), clock, settings.logMaxDelay(), settings.logMaxLines()),
                events, transactions);
        ScheduledFuture<?> flushing = flushRegularly(output);
        Execution execution = new Execution(run, output);
        Verdict verdict;
        try {
            verdict = execution.steps();
        } catch (RuntimeException e) {
            log.error("build {}: the executor failed while running it", run.buildId(), e);
            verdict = execution.abort("the executor failed: " + e);
        } finally {
            if (flushing != null) {
                flushing.cancel(false);
            }
        }
        // A stopping executor interrupts its workers; the run must still be recorded as ended.
        boolean interrupted = Thread.interrupted() || execution.stopped;
        try {
            output.close();
            destroy(run);
            finish(run, verdict, startedAt);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Flushes due log chunks several times per allowed delay. Without the timer (a stopping
     * executor) chunks still close as lines arrive, and the rest at the end of each step.
     */
    private ScheduledFuture<?> flushRegularly(BuildLog output) {
        long tick = Math.max(5, settings.logMaxDelay().toMillis() / 4);
        try {
            return logTimer.scheduleAtFixedRate(output::flushIfDue, tick, tick, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    private void destroy(Run run) {
        try {
            backend.destroy(run.buildId());
        } catch (BuildBackendException e) {
            log.warn("build {}: could not remove what it left on the engine, labelled {}={}: {}", run.buildId(),
                    BuildBackend.BUILD_LABEL, run.buildId(), e.getMessage());
        }
    }

    private void finish(Run run, Verdict verdict, Instant startedAt) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                transactions.inTransaction(() -> {
                    runs.finish(run.buildId(), verdict.status(), verdict.reason(), now);
                    events.publish(new BuildFinished(run.buildId(), verdict.status(), verdict.reason(), now), run);
                });
                metrics.buildFinished(verdict.status(), Duration.between(startedAt, now));
                log.info("build {} ({} #{}) {}{}", run.buildId(), run.repositoryName(), run.buildNumber(),
                        verdict.status().wireName(), verdict.reason().isEmpty() ? "" : ": " + verdict.reason());
                return;
            } catch (RuntimeException e) {
                if (attempt == FINISH_ATTEMPTS) {
                    log.error("build {}: could not record that it {}; it stays running until its lease expires",
                            run.buildId(), verdict.status().wireName(), e);
                    return;
                }
                log.warn("build {}: could not record its end, retrying: {}", run.buildId(), e.toString());
                sleep(Duration.ofSeconds(attempt));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The steps of one run, and which of them is open, so that a fault can close it. */
    private final class Execution {

        private final Run run;
        private final BuildLog output;
        private int openIndex = -1;
        private String openStep;
        private boolean stopped;

        Execution(Run run, BuildLog output) {
            this.run = run;
            this.output = output;
        }

        Verdict steps() {
            Workspace workspace;
            startStep(0, CLONE_STEP);
            try {
                workspace = checkout.checkout(run.cloneUrl(), run.commitSha(), line -> output.line(CLONE_STEP, line));
            } catch (CheckoutFailedException e) {
                output.line(CLONE_STEP, e.getMessage());
                finishStep(StepOutcome.ERRORED, null, e.getMessage());
                return Verdict.errored("step 'clone' failed: " + e.getMessage());
            }
            try (workspace) {
                finishStep(StepOutcome.SUCCEEDED, null, "");
                return build(workspace);
            }
        }

        private Verdict build(Workspace workspace) {
            startStep(1, BUILD_STEP);
            if (!Files.isRegularFile(workspace.directory().resolve(DOCKERFILE))) {
                String message = "the repository has no " + DOCKERFILE + " at its root at commit " + run.commitSha()
                        + "; add one to build an image";
                output.line(BUILD_STEP, message);
                finishStep(StepOutcome.ERRORED, null, message);
                return Verdict.errored("step 'build': " + message);
            }
            String image = BuildImageName.forBuild(run.repositoryName(), run.buildNumber()).toString();
            ImageBuildRequest request = new ImageBuildRequest(run.buildId(), BuildContext.directory(workspace.directory()),
                    DOCKERFILE, List.of(image),
                    Map.of(BuildBackend.BUILD_LABEL, run.buildId().toString(),
                            BuildBackend.COMMIT_LABEL, run.commitSha(),
                            BuildBackend.STEP_LABEL, BUILD_STEP),
                    null, Map.of(), List.of());
            ImageBuildResult result;
            try {
                result = backend.buildImage(request, line -> output.line(BUILD_STEP, line));
            } catch (BuildBackendException e) {
                // Recording the end must not trip over the interrupt of a stopping executor.
                stopped = Thread.interrupted();
                return abort(stopped ? "the executor stopped while the image was being built"
                        : "the Docker engine failed: " + e.getMessage());
            }
            return switch (result) {
                case ImageBuildResult.Built built -> {
                    transactions.inTransaction(() -> {
                        runs.recordImage(run.buildId(), built.imageId());
                        events.publish(new ImageBuilt(run.buildId(), BUILD_STEP, built.imageId(), List.of(image)), run);
                    });
                    finishStep(StepOutcome.SUCCEEDED, null, "");
                    yield Verdict.succeeded();
                }
                case ImageBuildResult.Failed failed -> {
                    finishStep(StepOutcome.FAILED, failed.exitCode(), failed.message());
                    yield Verdict.failed("step 'build' failed: " + failed.message());
                }
            };
        }

        /** Ends the open step, if any, as errored, and gives the build's verdict. */
        Verdict abort(String message) {
            String step = openStep;
            if (step != null) {
                try {
                    finishStep(StepOutcome.ERRORED, null, message);
                } catch (RuntimeException e) {
                    log.warn("build {}: could not record the end of step '{}': {}", run.buildId(), step, e.toString());
                }
            }
            return Verdict.errored(step == null ? message : "step '" + step + "': " + message);
        }

        private void startStep(int index, String step) {
            Instant now = clock.instant();
            transactions.inTransaction(() -> events.publish(new StepStarted(run.buildId(), index, step, now), run));
            openIndex = index;
            openStep = step;
        }

        private void finishStep(StepOutcome outcome, Integer exitCode, String message) {
            output.flush();
            int index = openIndex;
            String step = openStep;
            openIndex = -1;
            openStep = null;
            Instant now = clock.instant();
            transactions.inTransaction(() -> events.publish(
                    new StepFinished(run.buildId(), index, step, outcome, exitCode, message, now), run));
        }
    }

    /** How a build ended, and why. */
    private record Verdict(BuildStatus status, String reason) {

        static Verdict succeeded() {
            return new Verdict(BuildStatus.SUCCEEDED, "");
        }

        static Verdict failed(String reason) {
            return new Verdict(BuildStatus.FAILED, reason);
        }

        static Verdict errored(String reason) {
            return new Verdict(BuildStatus.ERRORED, reason);
        }
    }
}
