package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.execution.application.port.in.QueueBuildCommand;
import dev.slipway.execution.domain.RunState;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.StepFinished;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BuildDispatcherTest {

    private final DirectTransactions transactions = new DirectTransactions();
    private final RecordingEvents events = new RecordingEvents(transactions);
    private final InMemoryRunRepository runs = new InMemoryRunRepository();
    private final FakeBuildBackend backend = new FakeBuildBackend();
    private final ScheduledExecutorService logTimer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorSettings settings = new ExecutorSettings("test-executor", 2, Duration.ofMillis(50),
            Duration.ofSeconds(10), Duration.ofMillis(100), 500, Duration.ofSeconds(5), OptionalLong.empty());
    private final BuildRunner runner = new BuildRunner(new FakeSourceCheckout(), backend, runs, events, transactions,
            (status, duration) -> { }, Clock.systemUTC(), settings, logTimer, name -> Optional.empty(),
            (registry, credential) -> Optional.empty());
    private final BuildDispatcher dispatcher = new BuildDispatcher(runs, transactions, events, backend, runner,
            settings, Clock.systemUTC());
    private final QueueBuildService queue = new QueueBuildService(runs, transactions, events, dispatcher::wakeUp,
            Clock.systemUTC());

    @AfterEach
    void stop() {
        CountDownLatch gate = backend.gate;
        if (gate != null) {
            gate.countDown();
        }
        dispatcher.stop();
        logTimer.shutdownNow();
    }

    @Test
    void keepsBuildsQueuedWhileNoEngineAnswersAndStartsThemOnceOneDoes() throws Exception {
        // Verifies that without an engine a build waits, queued and unannounced, and runs once the engine answers.
        backend.available = false;
        dispatcher.start();
        UUID buildId = queueBuild();

        Thread.sleep(300);
        assertThat(runs.state(buildId)).isEqualTo(RunState.QUEUED);
        assertThat(events.buildEvents(buildId)).isEmpty();
        assertThat(dispatcher.status().engineAvailable()).isFalse();
        assertThat(dispatcher.status().engine()).isEqualTo("no fake engine answers");

        backend.available = true;

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.state(buildId) == RunState.FINISHED);
        assertThat(events.buildEvents(buildId).getFirst()).isInstanceOf(BuildStarted.class);
        assertThat(dispatcher.status().engineAvailable()).isTrue();
    }

    @Test
    void runsNoMoreBuildsAtOnceThanItsConcurrency() {
        // Verifies the bound of the worker pool: with concurrency 2, a third build stays queued until one ends.
        backend.gate = new CountDownLatch(1);
        List<UUID> builds = IntStream.range(0, 3).mapToObj(i -> queueBuild()).toList();
        dispatcher.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> backend.building.get() == 2);
        assertThat(builds.stream().filter(id -> runs.state(id) == RunState.QUEUED)).hasSize(1);

        backend.gate.countDown();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> builds.stream().allMatch(id -> runs.state(id) == RunState.FINISHED));
        assertThat(backend.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void startsBuildsThatWereQueuedBeforeItStarted() {
        // Verifies that runs left queued by an earlier process are picked up when the dispatcher starts.
        UUID buildId = queueBuild();
        assertThat(runs.state(buildId)).isEqualTo(RunState.QUEUED);

        dispatcher.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.state(buildId) == RunState.FINISHED);
    }

    @Test
    void queuesARequestedBuildOnlyOnce() {
        // Verifies that a build requested twice, even under two event ids, is one run and one build.
        BuildRequested request = request(UUID.randomUUID());

        boolean first = queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));
        boolean second = queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));
        dispatcher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.state(request.buildId()) == RunState.FINISHED);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(backend.requests).hasSize(1);
        assertThat(events.buildEvents(request.buildId()).stream().filter(BuildStarted.class::isInstance)).hasSize(1);
    }

    @Test
    void stopsARunningBuildThatWasCancelledThroughAnotherExecutor() throws Exception {
        // Verifies the look for cancels in the table: a cancel stored by another executor stops this one's build.
        // The build is held in its image build, past the runner's own look for cancels at its start.
        backend.gate = new CountDownLatch(1);
        UUID buildId = queueBuild();
        dispatcher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.building.get() == 1);

        runs.requestCancel(buildId, "superseded by build #2", Instant.now());
        Thread.sleep(settings.enginePollInterval().multipliedBy(10));
        backend.gate.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.state(buildId) == RunState.FINISHED);
        assertThat(runs.outcome(buildId).orElseThrow().status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(runs.outcome(buildId).orElseThrow().reason()).isEqualTo("superseded by build #2");
        assertThat(backend.pushes).isEmpty();
    }

    @Test
    void stopsABuildWhoseLeaseWasTakenWhileItStalledAndAnnouncesNothingMoreOfIt() throws Exception {
        // Verifies a heartbeat that finds the lease gone: a sweeper ended the run (errored, executor lost) while this
        // executor was held in an image build; the next heartbeat stops the build (its image build aborted, its objects
        // destroyed once), the run keeps the sweeper's end, and this executor announces no end of its own.
        ExecutorSettings beating = new ExecutorSettings("test-executor", 2, Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(100), 500, Duration.ofSeconds(5), OptionalLong.empty());
        BuildRunner stalling = new BuildRunner(new FakeSourceCheckout(), backend, runs, events, transactions,
                (status, duration) -> { }, Clock.systemUTC(), beating, logTimer, name -> Optional.empty(),
                (registry, credential) -> Optional.empty());
        BuildDispatcher heartbeats = new BuildDispatcher(runs, transactions, events, backend, stalling, beating,
                Clock.systemUTC());
        backend.gate = new CountDownLatch(1);
        UUID buildId = queueBuild();
        heartbeats.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> backend.building.get() == 1);

            // What the sweeper of another executor does with a run whose heartbeat is too old.
            runs.finish(buildId, BuildStatus.ERRORED, "executor lost: test-executor stopped sending heartbeats",
                    Instant.now());

            await().atMost(Duration.ofSeconds(5)).until(() -> heartbeats.status().runningBuilds() == 0);
            assertThat(backend.aborted).containsExactly(buildId);
            assertThat(backend.destroyCount(buildId)).isEqualTo(1);
            assertThat(runs.outcome(buildId).orElseThrow().reason())
                    .isEqualTo("executor lost: test-executor stopped sending heartbeats");
            assertThat(events.buildEvents(buildId)).noneMatch(BuildFinished.class::isInstance)
                    .noneMatch(e -> e instanceof StepFinished step && step.stepName().equals("build app"));
        } finally {
            heartbeats.stop();
        }
    }

    private UUID queueBuild() {
        BuildRequested request = request(UUID.randomUUID());
        queue.queue(new QueueBuildCommand(request, "delivery-" + request.buildId(), UUID.randomUUID()));
        return request.buildId();
    }

    /** A build of one image, so that the fake's gate can hold it. */
    private static BuildRequested request(UUID buildId) {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        return new BuildRequested(buildId, "github:acme/app", "acme/app", 1, "file:///tmp/acme-app", commit,
                "refs/heads/main", "push", "delivery-1", null, TestPlans.tree(TestPlans.compile("""
                        version: 1
                        images:
                          app: {}
                        steps:
                          - name: push
                            push: { image: app, to: 127.0.0.1:5000/acme/app, tags: [latest] }
                        """, buildId, commit)));
    }
}
