package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.execution.application.FakeBuildBackend.Script;
import dev.slipway.execution.application.port.in.CancelRunCommand;
import dev.slipway.execution.application.port.in.CancelRunOutcome;
import dev.slipway.execution.application.port.in.QueueBuildCommand;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling builds that are queued, running, finished, or not even requested yet. */
class CancelRunServiceTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final TestRuntime runtime = new TestRuntime();
    private final RecordingEvents events = runtime.events;
    private final InMemoryRunRepository runs = runtime.runs;
    private final FakeBuildBackend backend = runtime.backend;
    private final BuildRunner runner = runtime.runner;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final QueueBuildService queue = new QueueBuildService(runs, runtime.transactions, events,
            wakeUps::incrementAndGet, Clock.systemUTC());
    private final CancelRunService cancel = new CancelRunService(runs, runtime.transactions, events, runner,
            Clock.systemUTC());

    @AfterEach
    void stopTimer() {
        runtime.close();
    }

    @Test
    void aQueuedBuildEndsCancelledWithoutStarting() {
        // Verifies a queued build: finished cancelled at once, its BuildFinished published, never claimable.
        BuildRequested request = request(UUID.randomUUID());
        queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));

        CancelRunOutcome outcome = cancel.cancel(new CancelRunCommand(request.buildId(), "superseded by build #8"));

        assertThat(outcome).isEqualTo(CancelRunOutcome.CANCELLED_QUEUED);
        assertThat(runs.state(request.buildId())).isEqualTo(RunState.FINISHED);
        assertThat(runs.outcome(request.buildId())).contains(
                new InMemoryRunRepository.Outcome(BuildStatus.CANCELLED, "superseded by build #8", null));
        assertThat(events.buildEvents(request.buildId())).singleElement().isInstanceOfSatisfying(BuildFinished.class,
                finished -> {
                    assertThat(finished.status()).isEqualTo(BuildStatus.CANCELLED);
                    assertThat(finished.reason()).isEqualTo("superseded by build #8");
                });
        assertThat(runs.claimOldestQueued("test-executor", Instant.now())).isEmpty();
    }

    @Test
    void aSecondCancelOfTheSameBuildChangesNothing() {
        // Verifies idempotence: the same cancel again finds the build finished and publishes nothing more.
        BuildRequested request = request(UUID.randomUUID());
        queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));
        cancel.cancel(new CancelRunCommand(request.buildId(), "superseded by build #8"));

        CancelRunOutcome again = cancel.cancel(new CancelRunCommand(request.buildId(), "superseded by build #9"));

        assertThat(again).isEqualTo(CancelRunOutcome.ALREADY_FINISHED);
        assertThat(events.buildEvents(request.buildId())).hasSize(1);
        assertThat(runs.outcome(request.buildId()).orElseThrow().reason()).isEqualTo("superseded by build #8");
    }

    @Test
    void aRunningBuildIsStoppedByTheRunnerAfterTheCommit() throws Exception {
        // Verifies a running build: its container is stopped and it ends cancelled with the reason.
        backend.script("long", Script.exits(0).running(Duration.ofSeconds(60)));
        BuildRequested request = request(UUID.randomUUID());
        queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));
        Run run = runs.claimOldestQueued("test-executor", Instant.now()).orElseThrow();
        Thread build = Thread.ofVirtual().start(() -> runner.run(run, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.contains("start long"));

        CancelRunOutcome outcome = cancel.cancel(new CancelRunCommand(request.buildId(), "cancelled by alice"));
        build.join(Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(CancelRunOutcome.STOPPING);
        assertThat(backend.calls).contains("stop long");
        assertThat(runs.outcome(request.buildId())).contains(
                new InMemoryRunRepository.Outcome(BuildStatus.CANCELLED, "cancelled by alice", null));
    }

    @Test
    void aCancelThatArrivesBeforeItsRequestCancelsTheBuildWhenTheRequestComes() {
        // Verifies the order of topics not being guaranteed: the later request is stored cancelled and never runs.
        UUID buildId = UUID.randomUUID();

        CancelRunOutcome outcome = cancel.cancel(new CancelRunCommand(buildId, "superseded by build #8"));
        boolean queued = queue.queue(new QueueBuildCommand(request(buildId), "delivery-1", UUID.randomUUID()));

        assertThat(outcome).isEqualTo(CancelRunOutcome.NOT_YET_REQUESTED);
        assertThat(queued).isTrue();
        assertThat(runs.state(buildId)).isEqualTo(RunState.FINISHED);
        assertThat(events.buildEvents(buildId)).extracting(e -> ((BuildFinished) e).status())
                .containsExactly(BuildStatus.CANCELLED);
        assertThat(wakeUps.get()).isZero();
    }

    @Test
    void aFinishedBuildStaysAsItEnded() {
        // Verifies that cancelling a build that has ended changes neither its status nor its events.
        BuildRequested request = request(UUID.randomUUID());
        queue.queue(new QueueBuildCommand(request, "delivery-1", UUID.randomUUID()));
        Run run = runs.claimOldestQueued("test-executor", Instant.now()).orElseThrow();
        runner.run(run, Instant.now());
        int published = events.buildEvents(request.buildId()).size();

        CancelRunOutcome outcome = cancel.cancel(new CancelRunCommand(request.buildId(), "too late"));

        assertThat(outcome).isEqualTo(CancelRunOutcome.ALREADY_FINISHED);
        assertThat(runs.outcome(request.buildId()).orElseThrow().status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(events.buildEvents(request.buildId())).hasSize(published);
        assertThat(List.of(wakeUps.get())).containsExactly(1);
    }

    private static BuildRequested request(UUID buildId) {
        return new BuildRequested(buildId, "github:acme/app", "acme/app", 7, "file:///tmp/acme-app", COMMIT,
                "refs/heads/main", "push", "delivery-1", null, TestPlans.tree(TestPlans.compile("""
                        version: 1
                        steps:
                          - { name: long, image: busybox, run: sleep 60 }
                        """, buildId, COMMIT)));
    }
}
