package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.domain.Run;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BuildRunnerTest {

    private static final String IMAGE_ID = "sha256:" + "b".repeat(64);

    private final DirectTransactions transactions = new DirectTransactions();
    private final RecordingEvents events = new RecordingEvents(transactions);
    private final InMemoryRunRepository runs = new InMemoryRunRepository();
    private final FakeBuildBackend backend = new FakeBuildBackend();
    private final FakeSourceCheckout checkout = new FakeSourceCheckout();
    private final List<BuildStatus> finishedStatuses = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService logTimer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorSettings settings = new ExecutorSettings("test-executor", 2, Duration.ofMillis(50),
            Duration.ofSeconds(10), Duration.ofMillis(100), 500, Duration.ofSeconds(1));
    private final BuildRunner runner = new BuildRunner(checkout, backend, runs, events, transactions,
            (status, duration) -> finishedStatuses.add(status), Clock.systemUTC(), settings, logTimer);

    @AfterEach
    void stopTimer() {
        logTimer.shutdownNow();
    }

    @Test
    void announcesBothStepsTheImageAndSuccessInOrder() {
        // Verifies a successful build: clone then build, each started and finished, the image, then BuildFinished.
        backend.result = new ImageBuildResult.Built(IMAGE_ID);
        Run run = claimedRun();

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone succeeded",
                "step.started 1 build",
                "image.built " + IMAGE_ID + " [slipway/acme-app:7]",
                "step.finished 1 build succeeded",
                "build.finished succeeded");
        assertThat(runs.outcome(run.buildId())).contains(
                new InMemoryRunRepository.Outcome(BuildStatus.SUCCEEDED, "", IMAGE_ID));
        assertThat(finishedStatuses).containsExactly(BuildStatus.SUCCEEDED);
    }

    @Test
    void asksTheBackendForTheRepositorysDockerfileWithTheBuildsNameAndLabels() {
        // Verifies the image request: root Dockerfile, the cleaned local tag, and the build, commit and step labels.
        Run run = claimedRun();

        runner.run(run, Instant.now());

        ImageBuildRequest request = backend.requests.getFirst();
        assertThat(request.buildId()).isEqualTo(run.buildId());
        assertThat(request.dockerfile()).isEqualTo("Dockerfile");
        assertThat(request.context()).isInstanceOf(BuildContext.Directory.class);
        assertThat(request.tags()).containsExactly("slipway/acme-app:7");
        assertThat(request.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                BuildBackend.BUILD_LABEL, run.buildId().toString(),
                BuildBackend.COMMIT_LABEL, run.commitSha(),
                BuildBackend.STEP_LABEL, "build"));
        assertThat(request.target()).isNull();
    }

    @Test
    void publishesEveryOutputLineInChunksNumberedWithoutGaps() {
        // Verifies that each line of clone and build output arrives once, in order, in chunks of one step each.
        List<String> output = IntStream.range(0, 1_234).mapToObj(i -> "line " + i).toList();
        backend.output = output;
        Run run = claimedRun();

        runner.run(run, Instant.now());

        List<LogChunk> chunks = events.chunks(run.buildId());
        assertThat(chunks).extracting(LogChunk::sequence)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).mapToObj(Long::valueOf).toList());
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.lines()).hasSizeBetween(1, 500));
        assertThat(chunks.stream().filter(c -> c.step().equals("clone")).flatMap(c -> c.lines().stream()))
                .containsExactly("Cloning " + run.cloneUrl());
        assertThat(chunks.stream().filter(c -> c.step().equals("build")).flatMap(c -> c.lines().stream()))
                .containsExactlyElementsOf(output);
    }

    @Test
    void failsTheBuildWithTheEnginesMessageWhenAnInstructionFails() {
        // Verifies that a failed Dockerfile instruction is a failed build that quotes the engine, not an error.
        backend.result = new ImageBuildResult.Failed("The command '/bin/sh -c exit 3' returned a non-zero code: 3", 3);
        Run run = claimedRun();

        runner.run(run, Instant.now());

        List<BuildEvent> published = events.buildEvents(run.buildId());
        assertThat(published).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone succeeded",
                "step.started 1 build",
                "step.finished 1 build failed",
                "build.finished failed");
        StepFinished build = (StepFinished) published.get(3);
        assertThat(build.exitCode()).isEqualTo(3);
        assertThat(build.message()).isEqualTo("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        assertThat(((BuildFinished) published.getLast()).reason())
                .isEqualTo("step 'build' failed: The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        assertThat(finishedStatuses).containsExactly(BuildStatus.FAILED);
    }

    @Test
    void errorsTheBuildWithoutBuildingWhenTheCloneFails() {
        // Verifies that a clone failure ends the build as errored, says why, and never asks the engine to build.
        checkout.failure = "could not clone file:///nowhere at abc: repository not found";
        Run run = claimedRun();

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone errored",
                "build.finished errored");
        assertThat(runs.outcome(run.buildId()).orElseThrow().reason())
                .isEqualTo("step 'clone' failed: could not clone file:///nowhere at abc: repository not found");
        assertThat(backend.requests).isEmpty();
        assertThat(backend.destroyed).contains(run.buildId());
    }

    @Test
    void errorsTheBuildWhenTheEngineFails() {
        // Verifies that a backend fault is an errored build whose reason names the engine's failure.
        backend.fault = new BuildBackendException("the engine at unix:///var/run/docker.sock broke off the build");
        Run run = claimedRun();

        runner.run(run, Instant.now());

        List<BuildEvent> published = events.buildEvents(run.buildId());
        assertThat(published).extracting(BuildRunnerTest::describe).endsWith(
                "step.started 1 build",
                "step.finished 1 build errored",
                "build.finished errored");
        assertThat(((BuildFinished) published.getLast()).reason()).isEqualTo(
                "step 'build': the Docker engine failed: the engine at unix:///var/run/docker.sock broke off the build");
        assertThat(finishedStatuses).containsExactly(BuildStatus.ERRORED);
    }

    @Test
    void errorsTheBuildWhenTheRepositoryHasNoDockerfile() {
        // Verifies that a repository without a Dockerfile gets an errored build that says what to add.
        checkout.files = Map.of("README.md", "no image here\n");
        Run run = claimedRun();

        runner.run(run, Instant.now());

        assertThat(runs.outcome(run.buildId()).orElseThrow().reason())
                .startsWith("step 'build': the repository has no Dockerfile at its root at commit " + run.commitSha());
        assertThat(backend.requests).isEmpty();
    }

    @Test
    void deletesTheWorkspaceAndCleansTheEngineWhateverHappened() {
        // Verifies the end of every build: its workspace is gone and destroy ran, after success and after a fault.
        Run succeeded = claimedRun();
        runner.run(succeeded, Instant.now());
        backend.fault = new BuildBackendException("engine gone");
        Run errored = claimedRun();
        runner.run(errored, Instant.now());

        assertThat(checkout.handedOut).hasSize(2).allSatisfy(directory -> assertThat(directory).doesNotExist());
        assertThat(backend.destroyed).contains(succeeded.buildId(), errored.buildId());
    }

    private Run claimedRun() {
        UUID buildId = UUID.randomUUID();
        runs.insertIfAbsent(Run.queued(buildId, "github:acme/app", "Acme/App", 7, "file:///tmp/acme-app",
                "0123456789abcdef0123456789abcdef01234567", "refs/heads/main", "delivery-1", UUID.randomUUID(),
                Instant.now()));
        Run run = runs.claimOldestQueued("test-executor", Instant.now()).orElseThrow();
        assertThat(run.buildId()).isEqualTo(buildId);
        return run;
    }

    private static String describe(BuildEvent event) {
        return switch (event) {
            case StepStarted s -> "step.started " + s.stepIndex() + " " + s.stepName();
            case StepFinished s -> "step.finished " + s.stepIndex() + " " + s.stepName() + " " + s.outcome().wireName();
            case ImageBuilt i -> "image.built " + i.imageId() + " " + i.tags();
            case BuildFinished f -> "build.finished " + f.status().wireName();
            default -> event.getClass().getSimpleName();
        };
    }
}
