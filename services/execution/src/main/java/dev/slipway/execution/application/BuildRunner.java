package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.BuildMetrics;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.RegistryCredentials;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SecretValues;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.BuildProgress;
import dev.slipway.execution.domain.BuildSchedule;
import dev.slipway.execution.domain.BuildVerdict;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.LogBatcher;
import dev.slipway.execution.domain.PlanSecrets;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.execution.domain.SecretMask;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.LogChunk;
import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed build to its end: reads the plan its request carried, resolves the secrets the
 * plan names, runs the plan ({@link PlanExecution}), and says how it went in {@code BuildFinished}:
 * {@code succeeded}, {@code failed} (a step, an image or a push failed, or the build ran out of
 * time), {@code errored} (the plan, a secret, the engine or the executor failed it) or
 * {@code cancelled}.
 *
 * <p>Each event goes through the outbox in a small transaction of its own, together with the
 * run's change that it announces, so that history sees a build move while it runs. Whatever
 * happens, the run ends {@code finished} with one {@code BuildFinished}, and the backend's
 * {@code destroy} has run exactly once. Every secret value the build knows is masked in its log
 * lines, step messages and reason.
 *
 * <p>While a build runs, {@link #cancel} stops it from any thread.
 */
public final class BuildRunner {

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
    private final SecretValues secretValues;
    private final RegistryCredentials registryCredentials;
    private final Map<UUID, BuildControl> running = new ConcurrentHashMap<>();

    /**
     * @param logTimer flushes log chunks that have waited long enough; shared by all builds
     */
    public BuildRunner(SourceCheckout checkout, BuildBackend backend, RunRepository runs, BuildEventPublisher events,
                       Transactions transactions, BuildMetrics metrics, Clock clock, ExecutorSettings settings,
                       ScheduledExecutorService logTimer, SecretValues secretValues,
                       RegistryCredentials registryCredentials) {
        this.checkout = checkout;
        this.backend = backend;
        this.runs = runs;
        this.events = events;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.logTimer = logTimer;
        this.secretValues = secretValues;
        this.registryCredentials = registryCredentials;
    }

    /**
     * Runs {@code run}, which this executor has claimed and announced as started at
     * {@code startedAt}, and returns once it is finished and announced.
     */
    public void run(Run run, Instant startedAt) {
        BuildControl control = new BuildControl(run.buildId(), backend, new BuildProgress());
        running.put(run.buildId(), control);
        try {
            cancelledBefore(run).ifPresent(control::cancel);
            runPrepared(run, startedAt, control);
        } finally {
            running.remove(run.buildId());
        }
    }

    /**
     * Cancels build {@code buildId} if this executor runs it: no step starts any more, and its
     * running containers are stopped; the build then ends {@code cancelled}.
     *
     * @return whether this executor runs the build
     */
    public boolean cancel(UUID buildId, String reason) {
        BuildControl control = running.get(buildId);
        if (control == null) {
            return false;
        }
        control.cancel(reason);
        return true;
    }

    /**
     * Stops build {@code buildId}, if this executor runs it, because its lease was taken from this
     * executor: its containers are stopped and what it left is removed as after a cancel, but
     * nothing more of it is announced, and its end is not recorded: the run is no longer this
     * executor's.
     *
     * @return whether this executor ran the build and it was still running
     */
    public boolean leaseLost(UUID buildId) {
        BuildControl control = running.get(buildId);
        return control != null && control.loseLease();
    }

    /** A cancel that came before this executor registered the build: it is in the table. */
    private Optional<String> cancelledBefore(Run run) {
        try {
            return runs.cancelReason(run.buildId());
        } catch (RuntimeException e) {
            // The dispatcher's look at the table finds it later, if there is one.
            log.warn("build {}: could not look for a cancel before starting it: {}", run.buildId(), e.toString());
            return Optional.empty();
        }
    }

    private void runPrepared(Run run, Instant startedAt, BuildControl control) {
        Prepared prepared;
        try {
            prepared = prepare(run);
        } catch (RuntimeException e) {
            log.error("build {}: the executor failed while reading its plan", run.buildId(), e);
            prepared = Prepared.refused("the executor failed while reading the plan: " + e);
        }
        BuildEventPublisher whileHeld = whileHeld(control);
        BuildLog output = new BuildLog(run,
                new LogBatcher(run.buildId(), clock, settings.logMaxDelay(), settings.logMaxLines(),
                        LogBatcher.firstSequenceOf(run.attempts())),
                whileHeld, transactions, prepared.mask());
        ScheduledFuture<?> flushing = flushRegularly(output);
        PlanExecution execution = null;
        try {
            if (prepared.refusal() != null) {
                control.error(prepared.refusal());
            } else {
                execution = new PlanExecution(run, prepared.plan(), prepared.secrets(), prepared.registryAuths(),
                        new PlanExecution.Ports(checkout, backend, runs, whileHeld, transactions, clock), output, control,
                        startedAt, settings.containerMemory());
                execution.execute();
            }
        } catch (RuntimeException e) {
            log.error("build {}: the executor failed while running it", run.buildId(), e);
            control.error("the executor failed: " + e);
        } finally {
            if (flushing != null) {
                flushing.cancel(false);
            }
        }
        // A stopping executor interrupts its workers; the run must still be recorded as ended.
        boolean interrupted = Thread.interrupted() || (execution != null && execution.executorStopped());
        try {
            if (anotherClaimHolds(run)) {
                log.warn("build {}: not removing what it left on the engine: the run was queued again and belongs to "
                        + "its next attempt, whose containers carry the same label", run.buildId());
            } else {
                destroy(run);
            }
            if (execution != null) {
                execution.drainServiceOutput();
            }
            output.close();
            BuildVerdict verdict = control.progress().finish();
            finish(run, new BuildVerdict(verdict.status(), output.masked(verdict.reason())), startedAt);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The plan and the secrets' values, or why the build cannot run at all.
     *
     * @param refusal why not, or null when it can run
     */
    private record Prepared(BuildPlan plan, Map<String, String> secrets,
                            Map<Integer, Optional<RegistryAuth>> registryAuths, SecretMask mask, String refusal) {

        static Prepared refused(String reason) {
            return new Prepared(null, Map.of(), Map.of(), SecretMask.none(), reason);
        }
    }

    private Prepared prepare(Run run) {
        Optional<String> json = runs.plan(run.buildId());
        if (json.isEmpty()) {
            return Prepared.refused("the build's request carries no plan; this executor runs only the plans that "
                    + "filtering compiles from the pipeline file, so the build has to be requested again");
        }
        BuildPlan plan;
        switch (PlanDecoding.decode(json.get())) {
            case PlanDecoding.Read read -> plan = read.plan();
            case PlanDecoding.Unreadable unreadable -> {
                return Prepared.refused("the build's plan cannot be read: " + unreadable.reason());
            }
        }
        if (!plan.buildId().equals(run.buildId().toString())) {
            return Prepared.refused("the plan is for build " + plan.buildId() + ", not for this build");
        }
        if (!plan.trigger().commit().equals(run.commitSha())) {
            return Prepared.refused("the plan is for commit " + plan.trigger().commit() + ", but the build is of "
                    + run.commitSha());
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : PlanSecrets.used(plan)) {
            secretValues.value(name).ifPresentOrElse(value -> secrets.put(name, value), () -> missing.add(name));
        }
        Map<Integer, Optional<RegistryAuth>> auths = new LinkedHashMap<>();
        for (BuildSchedule.ScheduledStep scheduled : BuildSchedule.of(plan).steps()) {
            if (scheduled.step() instanceof BuildPlan.PushStep push) {
                Optional<RegistryAuth> auth = registryCredentials.forRegistry(PushRequest.registryOf(push.to()),
                        push.credential());
                if (auth.isEmpty() && push.credential().isPresent()) {
                    missing.add(push.credential().get() + " (the registry credential of step " + push.name() + ")");
                }
                auths.put(scheduled.index(), auth);
            }
        }
        if (!missing.isEmpty()) {
            return Prepared.refused("the plan uses secrets that this executor does not know: "
                    + String.join(", ", missing));
        }
        List<String> known = new ArrayList<>(secrets.values());
        auths.values().forEach(auth -> auth.ifPresent(a -> known.add(a.password())));
        return new Prepared(plan, secrets, auths, SecretMask.of(known), null);
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

    /** The build's events, dropped once its lease was lost: the run is then someone else's to announce. */
    private BuildEventPublisher whileHeld(BuildControl control) {
        return new BuildEventPublisher() {
            @Override
            public void publish(BuildEvent event, Run run) {
                if (!control.leaseLost()) {
                    events.publish(event, run);
                }
            }

            @Override
            public void publish(LogChunk chunk, Run run) {
                if (!control.leaseLost()) {
                    events.publish(chunk, run);
                }
            }
        };
    }

    /**
     * Whether the run is queued again or running under a later claim: a sweeper took it from this
     * claim and queued it for another attempt. Its objects on the engine are then that attempt's
     * too, so they are not removed here.
     */
    private boolean anotherClaimHolds(Run run) {
        try {
            Lease lease = runs.leases(List.of(run.buildId())).get(run.buildId());
            return lease != null && lease.state() != RunState.FINISHED
                    && !(run.executorId().equals(lease.executorId()) && lease.attempts() == run.attempts());
        } catch (RuntimeException e) {
            // Then as before leases: the claim is taken to hold.
            log.warn("build {}: could not read its lease before removing what it left: {}", run.buildId(),
                    e.toString());
            return false;
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

    private void finish(Run run, BuildVerdict verdict, Instant startedAt) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            try {
                boolean held = transactions.inTransaction(() -> {
                    if (!runs.finishHeld(run, verdict.status(), verdict.reason(), now)) {
                        return false;
                    }
                    events.publish(new BuildFinished(run.buildId(), verdict.status(), verdict.reason(), now), run);
                    return true;
                });
                if (!held) {
                    log.warn("build {} ({} #{}) would have ended {}, but its lease was taken from this executor while "
                            + "it ran (it stalled past the lease timeout): its end is not recorded, and not announced",
                            run.buildId(), run.repositoryName(), run.buildNumber(), verdict.status().wireName());
                    return;
                }
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
}
