package dev.slipway.execution.application;

import dev.slipway.execution.application.port.in.ExecutorStatus;
import dev.slipway.execution.application.port.in.ExecutorStatusQuery;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued runs to a bounded pool of workers. The {@code runs} table is the queue: a run is
 * claimed only when a worker is free and the engine answers, so that a run is never
 * {@code running} while it waits, builds queued before a restart are picked up by the first
 * look, and builds wait, queued, for as long as there is no engine.
 *
 * <p>One dispatcher thread looks at the engine and the table every
 * {@link ExecutorSettings#enginePollInterval()}, and at once when a build is queued or a worker
 * becomes free. It also keeps the heartbeats of running runs, stops those whose lease was taken
 * from this executor (a sweeper took it for lost while it stalled), and those of them that were
 * cancelled through another executor.
 */
public final class BuildDispatcher implements ExecutorStatusQuery {

    private static final Logger log = LoggerFactory.getLogger(BuildDispatcher.class);

    private final RunRepository runs;
    private final Transactions transactions;
    private final BuildEventPublisher events;
    private final BuildBackend backend;
    private final BuildRunner runner;
    private final ExecutorSettings settings;
    private final Clock clock;

    /** The runs this executor works on, as it claimed them. */
    private final Map<UUID, Run> running = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Boolean engineAvailable;
    private volatile String engineDescription = "not asked yet";
    private Instant lastHeartbeat = Instant.EPOCH;
    private ScheduledExecutorService dispatcher;
    private ExecutorService workers;

    public BuildDispatcher(RunRepository runs, Transactions transactions, BuildEventPublisher events,
                           BuildBackend backend, BuildRunner runner, ExecutorSettings settings, Clock clock) {
        this.runs = runs;
        this.transactions = transactions;
        this.events = events;
        this.backend = backend;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts looking for runs, at once and then every poll interval. */
    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        AtomicInteger workerNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(settings.concurrency(),
                task -> Thread.ofPlatform().name("execution-worker-" + workerNumber.incrementAndGet()).unstarted(task));
        dispatcher = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("execution-dispatcher").daemon().unstarted(task));
        dispatcher.scheduleWithFixedDelay(this::dispatchQuietly, 0, settings.enginePollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops taking runs, lets running builds finish within the shutdown grace, then interrupts
     * them; interrupted builds end {@code errored}.
     */
    public synchronized void stop() {
        if (dispatcher == null) {
            return;
        }
        stopping = true;
        // Not shutdownNow: interrupting a claim would interrupt its database calls half-way.
        dispatcher.shutdown();
        try {
            // A claim in progress finishes and reaches a worker before the workers stop taking work.
            dispatcher.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("stopping with {} builds still running; interrupting them", running.size());
                List<Runnable> neverStarted = workers.shutdownNow();
                if (!neverStarted.isEmpty()) {
                    log.warn("{} claimed builds never started; they stay running until their lease expires",
                            neverStarted.size());
                }
                workers.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdown();
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        dispatcher = null;
        workers = null;
        stopping = false;
    }

    /** Asks the dispatcher to look for runs now, for example after a build was queued. */
    public void wakeUp() {
        ScheduledExecutorService current = dispatcher;
        if (current != null && wakeUpPending.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpPending.set(false);
                    dispatchQuietly();
                });
            } catch (RejectedExecutionException rejected) {
                wakeUpPending.set(false);
            }
        }
    }

    @Override
    public ExecutorStatus status() {
        Boolean available = engineAvailable;
        return new ExecutorStatus(settings.executorId(), Boolean.TRUE.equals(available), engineDescription,
                running.size(), settings.concurrency());
    }

    private void dispatchQuietly() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            log.warn("could not look for queued builds; trying again in {}: {}", settings.enginePollInterval(),
                    e.toString());
        }
    }

    /** One look: engine, heartbeats, then claim runs while workers are free. */
    private void dispatch() {
        boolean available = checkEngine();
        heartbeat();
        stopCancelledRuns();
        if (!available) {
            return;
        }
        while (running.size() < settings.concurrency() && !stopping) {
            Optional<Claimed> claimed = claim();
            if (claimed.isEmpty()) {
                return;
            }
            Run run = claimed.get().run();
            running.put(run.buildId(), run);
            try {
                workers.execute(() -> work(run, claimed.get().startedAt()));
            } catch (RejectedExecutionException rejected) {
                running.remove(run.buildId());
                log.warn("build {} was claimed while the executor stopped; it stays running until its lease "
                        + "expires", run.buildId());
                return;
            }
        }
    }

    private void work(Run run, Instant startedAt) {
        try {
            runner.run(run, startedAt);
        } finally {
            running.remove(run.buildId());
            wakeUp();
        }
    }

    /**
     * Stops the runs of this executor that were cancelled while it runs them. A cancel that this
     * executor read itself stopped them already; this catches those that another executor read.
     */
    private void stopCancelledRuns() {
        if (running.isEmpty()) {
            return;
        }
        runs.cancelRequestsOfRunning(settings.executorId()).forEach(runner::cancel);
    }

    private Optional<Claimed> claim() {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<Run> run = runs.claimOldestQueued(settings.executorId(), now);
            run.ifPresent(r -> events.publish(
                    new BuildStarted(r.buildId(), r.repositoryId(), r.buildNumber(), settings.executorId(), now), r));
            return run.map(r -> new Claimed(r, now));
        }).map(c -> {
            log.info("build {} ({} #{} at {}) started on executor {}", c.run().buildId(), c.run().repositoryName(),
                    c.run().buildNumber(), c.run().commitSha(), settings.executorId());
            return c;
        });
    }

    private boolean checkEngine() {
        boolean available = backend.isAvailable();
        String description = backend.describe();
        Boolean before = engineAvailable;
        engineDescription = description;
        engineAvailable = available;
        if (before == null || before != available) {
            if (available) {
                log.info("build engine ready: {}; executor {} runs up to {} builds at once", description,
                        settings.executorId(), settings.concurrency());
            } else {
                log.warn("NO DOCKER ENGINE: {}. Execution keeps running, but builds wait in state 'queued' until "
                        + "an engine answers; asking again every {}. Start dockerd or point DOCKER_HOST (or "
                        + "slipway.execution.docker.host) at an engine.", description,
                        settings.enginePollInterval());
            }
        }
        return available;
    }

    private void heartbeat() {
        Instant now = clock.instant();
        if (running.isEmpty() || Duration.between(lastHeartbeat, now).compareTo(settings.heartbeatInterval()) < 0) {
            return;
        }
        List<Run> claimed = List.copyOf(running.values());
        Set<UUID> held = transactions.inTransaction(() -> runs.heartbeat(claimed, now));
        lastHeartbeat = now;
        for (Run run : claimed) {
            // A run that ended since the copy is no longer held either; the runner ignores it.
            if (!held.contains(run.buildId()) && runner.leaseLost(run.buildId())) {
                log.warn("build {} ({} #{}) is no longer this executor's: its lease expired and was taken while the "
                        + "executor did not send heartbeats; stopping it without announcing its end", run.buildId(),
                        run.repositoryName(), run.buildNumber());
            }
        }
    }

    private record Claimed(Run run, Instant startedAt) {
    }
}
