package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.execution.application.FakeBuildBackend.Script;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime, driven by the scriptable fake backend: how a plan's work runs and how a build ends. */
class BuildRunnerTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String IMAGE_ID = "sha256:" + "b".repeat(64);
    private static final String BUILDER_ID = "sha256:" + "c".repeat(64);

    /** The design's sketch: a two-stage image, a step in its builder stage, a push and a release. */
    private static final String SKETCH = """
            version: 1
            images:
              app: { context: ., dockerfile: Dockerfile, target: release, build_args: { GO_VERSION: "1.23" } }
            steps:
              - name: test
                image: app@builder
                run: [make test, make lint]
              - name: push
                push: { image: app, to: 127.0.0.1:5000/team/app, tags: ["{{ .CommitID }}", latest] }
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}" }
            """;

    private final TestRuntime runtime = new TestRuntime();
    private final RecordingEvents events = runtime.events;
    private final InMemoryRunRepository runs = runtime.runs;
    private final FakeBuildBackend backend = runtime.backend;
    private final FakeSourceCheckout checkout = runtime.checkout;
    private final Map<String, String> secrets = runtime.secrets;
    private final Map<String, RegistryAuth> registries = runtime.registries;
    private final List<BuildStatus> finishedStatuses = runtime.finishedStatuses;
    private final BuildRunner runner = runtime.runner;

    @AfterEach
    void stopTimer() {
        runtime.close();
    }

    @Test
    void runsThePlanAndAnnouncesEveryStepInPlanOrder() {
        // Verifies a whole plan: clone, the images, the run step, the push, the release, each announced, then success.
        backend.imageResults.put("app", new ImageBuildResult.Built(IMAGE_ID));
        backend.imageResults.put("app@builder", new ImageBuildResult.Built(BUILDER_ID));
        Run run = claimedRun(SKETCH);

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone succeeded",
                "step.started 1 build app",
                "image.built build app " + IMAGE_ID + " [slipway/acme-app/app:7]",
                "step.finished 1 build app succeeded",
                "step.started 2 build app@builder",
                "image.built build app@builder " + BUILDER_ID + " [slipway/acme-app/app-builder:7]",
                "step.finished 2 build app@builder succeeded",
                "step.started 3 test",
                "step.finished 3 test succeeded",
                "step.started 4 push",
                "image.pushed push " + IMAGE_ID + " 127.0.0.1:5000/team/app [" + COMMIT + ", latest]",
                "step.finished 4 push succeeded",
                "step.finished 5 release succeeded",
                "build.finished succeeded");
        assertThat(finishedStatuses).containsExactly(BuildStatus.SUCCEEDED);
        assertThat(backend.calls).containsExactly("build app", "build app@builder", "setup", "start test",
                "push 127.0.0.1:5000/team/app", "destroy");
    }

    @Test
    void buildsEachImageWithItsTargetArgumentsCacheSourcesAndLabels() {
        // Verifies the image requests: context, Dockerfile, target, build args, cache_from, local name and labels.
        Run run = claimedRun("""
                version: 1
                images:
                  app:
                    target: release
                    build_args: { GO_VERSION: "1.23", NPM_TOKEN: { secret: npm-token } }
                    cache_from: [registry.example.com/team/app:latest]
                steps:
                  - name: test
                    image: app
                    run: make test
                """);
        secrets.put("npm-token", "npm-secret-value");

        runner.run(run, Instant.now());

        ImageBuildRequest request = backend.requests.getFirst();
        assertThat(request.buildId()).isEqualTo(run.buildId());
        assertThat(request.context()).isInstanceOf(BuildContext.Directory.class);
        assertThat(((BuildContext.Directory) request.context()).root().getFileName())
                .isEqualTo(checkout.handedOut.getFirst().getFileName());
        assertThat(request.dockerfile()).isEqualTo("Dockerfile");
        assertThat(request.target()).isEqualTo("release");
        assertThat(request.buildArgs()).isEqualTo(Map.of("GO_VERSION", "1.23", "NPM_TOKEN", "npm-secret-value"));
        assertThat(request.cacheFrom()).containsExactly("registry.example.com/team/app:latest");
        assertThat(request.tags()).containsExactly("slipway/acme-app/app:7");
        assertThat(request.labels()).isEqualTo(Map.of(
                BuildBackend.BUILD_LABEL, run.buildId().toString(),
                BuildBackend.COMMIT_LABEL, COMMIT,
                BuildBackend.STEP_LABEL, "build app",
                ContainerSpecs.IMAGE_LABEL, "app"));
    }

    @Test
    void runsAStepInTheImageItsBuilderKeyBuiltAndPushesTheImageOfThePushesOwnKey() {
        // Verifies the builder pattern: app@builder runs as the builder stage's id, and the push sends app's id.
        backend.imageResults.put("app", new ImageBuildResult.Built(IMAGE_ID));
        backend.imageResults.put("app@builder", new ImageBuildResult.Built(BUILDER_ID));
        Run run = claimedRun(SKETCH);

        runner.run(run, Instant.now());

        ContainerSpec test = backend.startedFor("test").getFirst();
        assertThat(test.image()).isEqualTo(BUILDER_ID);
        assertThat(test.command()).containsExactly("sh", "-c", "set -e\nprintf '%s\\n' '+ make test'\nmake test\n"
                + "printf '%s\\n' '+ make lint'\nmake lint\n");
        assertThat(test.workingDir()).contains(BuildResources.WORKSPACE_PATH);
        assertThat(test.mountWorkspace()).isTrue();
        assertThat(backend.pushes).singleElement().satisfies(push -> {
            assertThat(push.imageId()).isEqualTo(IMAGE_ID);
            assertThat(push.repository()).isEqualTo("127.0.0.1:5000/team/app");
            assertThat(push.tags()).containsExactly(COMMIT, "latest");
        });
    }

    @Test
    void runsTheLanesOfAStageAtTheSameTime() {
        // Verifies parallel groups: two lanes of 1 s each overlap, so the stage takes well under their sum.
        backend.script("lint", Script.exits(0).running(Duration.ofSeconds(1)).printing("lint ok"));
        backend.script("unit", Script.exits(0).running(Duration.ofSeconds(1)).printing("unit ok"));
        Run run = claimedRun("""
                version: 1
                steps:
                  - name: checks
                    parallel:
                      - { name: lint, image: busybox, run: make lint }
                      - { name: unit, image: busybox, run: make unit }
                  - { name: after, image: busybox, run: echo done }
                """);

        long started = System.nanoTime();
        runner.run(run, Instant.now());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(backend.mostStepsAtOnce.get()).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofMillis(1900));
        assertThat(finishedStatuses).containsExactly(BuildStatus.SUCCEEDED);
        assertThat(linesOf(run, "lint")).containsExactly("lint ok");
        assertThat(linesOf(run, "unit")).containsExactly("unit ok");
        assertThat(backend.calls.indexOf("start after")).isGreaterThan(backend.calls.indexOf("start lint"))
                .isGreaterThan(backend.calls.indexOf("start unit"));
    }

    @Test
    void afterAFailedStepRunsOnlyTheStepsThatRunOnFailure() {
        // Verifies runs_on against the build's state: the failure step runs, the success step does not, the build fails.
        backend.script("test", Script.exits(2).printing("FAIL: TestLogin"));
        Run run = claimedRun("""
                version: 1
                steps:
                  - { name: test, image: busybox, run: make test }
                  - { name: deploy, image: busybox, run: make deploy }
                  - { name: notify, image: busybox, run: ./notify failed, when: { status: failure } }
                  - { name: report, image: busybox, run: ./report, when: { status: [success, failure] } }
                """);

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone succeeded",
                "step.started 1 test",
                "step.finished 1 test failed",
                "step.started 3 notify",
                "step.finished 3 notify succeeded",
                "step.started 4 report",
                "step.finished 4 report succeeded",
                "build.finished failed");
        StepFinished test = finished(run, "test");
        assertThat(test.exitCode()).isEqualTo(2);
        assertThat(test.message()).isEqualTo("exited with code 2");
        assertThat(outcome(run).reason()).isEqualTo("step 'test' failed: exited with code 2");
        assertThat(backend.startedFor("deploy")).isEmpty();
    }

    @Test
    void anOutOfMemoryKillIsAResultOfTheStep() {
        // Verifies that an OOM kill ends the step oom_killed with its exit code and fails, not errors, the build.
        backend.script("test", Script.outOfMemory());
        Run run = claimedRun("""
                version: 1
                steps:
                  - { name: test, image: busybox, run: make test }
                """);

        runner.run(run, Instant.now());

        StepFinished test = finished(run, "test");
        assertThat(test.outcome()).isEqualTo(StepOutcome.OOM_KILLED);
        assertThat(test.exitCode()).isEqualTo(137);
        assertThat(outcome(run).status()).isEqualTo(BuildStatus.FAILED);
        assertThat(outcome(run).reason()).isEqualTo(
                "step 'test' was killed for running out of memory (exit code 137)");
    }

    @Test
    void aStepThatOutrunsItsTimeoutIsStoppedAndFailsTheBuild() {
        // Verifies the step's own limit: a 1s timeout stops a step that would run 30s; the build goes on and fails.
        backend.script("slow", Script.exits(0).running(Duration.ofSeconds(30)));
        Run run = claimedRun("""
                version: 1
                steps:
                  - { name: slow, image: busybox, run: sleep 30, timeout: 1s }
                  - { name: cleanup, image: busybox, run: ./cleanup, when: { status: failure } }
                """);

        long started = System.nanoTime();
        runner.run(run, Instant.now());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        StepFinished slow = finished(run, "slow");
        assertThat(slow.outcome()).isEqualTo(StepOutcome.TIMED_OUT);
        assertThat(slow.message()).isEqualTo("timed out after 1s");
        assertThat(finished(run, "cleanup").outcome()).isEqualTo(StepOutcome.SUCCEEDED);
        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.FAILED,
                "step 'slow' timed out after 1s", null));
    }

    @Test
    void aGroupsTimeoutLimitsItsStepsWhenTheyHaveNone() {
        // Verifies the fallback from the step's limit to its group's: the group's 1s stops the step.
        backend.script("slow", Script.exits(0).running(Duration.ofSeconds(30)));
        Run run = claimedRun("""
                version: 1
                steps:
                  - name: group
                    timeout: 1s
                    parallel:
                      - { name: slow, image: busybox, run: sleep 30 }
                      - { name: quick, image: busybox, run: "true" }
                """);

        runner.run(run, Instant.now());

        assertThat(finished(run, "slow").message()).isEqualTo("timed out after 1s");
        assertThat(finished(run, "quick").outcome()).isEqualTo(StepOutcome.SUCCEEDED);
    }

    @Test
    void theBuildsOwnTimeoutStopsTheStepThatRunsWhenItPassesAndNothingStartsAfter() {
        // Verifies the plan's overall limit: at 2s the running step stops, later steps never start, the build fails.
        backend.script("first", Script.exits(0).running(Duration.ofMillis(500)));
        backend.script("second", Script.exits(0).running(Duration.ofSeconds(30)));
        Run run = claimedRun("""
                version: 1
                timeout: 2s
                steps:
                  - { name: first, image: busybox, run: make a }
                  - { name: second, image: busybox, run: make b }
                  - { name: third, image: busybox, run: make c, when: { status: [success, failure] } }
                """);

        runner.run(run, Instant.now());

        StepFinished second = finished(run, "second");
        assertThat(second.outcome()).isEqualTo(StepOutcome.TIMED_OUT);
        assertThat(second.message()).isEqualTo("stopped when the build's time limit of 2s ran out");
        assertThat(backend.startedFor("third")).isEmpty();
        assertThat(outcome(run).status()).isEqualTo(BuildStatus.FAILED);
        assertThat(outcome(run).reason()).isEqualTo("the build ran out of its time limit of 2s in step 'second'");
    }

    @Test
    void aCancelStopsTheRunningContainersAtOnceAndNoLaterStepStarts() throws Exception {
        // Verifies cancel: the running step and service are stopped, the step ends cancelled, nothing after starts,
        // destroy runs once, and the build ends cancelled with the reason well within 5 seconds.
        backend.script("long", Script.exits(0).running(Duration.ofSeconds(60)));
        Run run = claimedRun("""
                version: 1
                services:
                  db: { image: postgres:17 }
                steps:
                  - { name: long, image: busybox, run: sleep 60 }
                  - { name: later, image: busybox, run: "true", when: { status: [success, failure] } }
                """);
        Thread build = Thread.ofVirtual().start(() -> runner.run(run, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.contains("start long"));

        long cancelled = System.nanoTime();
        assertThat(runner.cancel(run.buildId(), "superseded by build #8")).isTrue();
        build.join(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - cancelled);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // The stops run side by side, each on a thread of its own, and the build does not wait for the
        // service's: its end and destroy may come first (destroy removes the service all the same).
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.containsAll(List.of("stop long", "stop db")));
        assertThat(backend.calls).doesNotContain("start later");
        StepFinished long_ = finished(run, "long");
        assertThat(long_.outcome()).isEqualTo(StepOutcome.CANCELLED);
        assertThat(long_.message()).isEqualTo("cancelled: superseded by build #8");
        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.CANCELLED,
                "superseded by build #8", null));
        assertThat(backend.destroyCount(run.buildId())).isEqualTo(1);
        assertThat(runner.cancel(run.buildId(), "again")).isFalse();
    }

    @Test
    void aCancelAbortsTheImageBuildInProgressAndTheBuildEndsCancelledAtOnce() throws Exception {
        // Verifies that a cancel does not wait for an image build: the backend is told to abort the build's image work,
        // the held image build ends, its step ends cancelled (not errored), no later image or step runs, and the build
        // ends cancelled within seconds.
        backend.gate = new CountDownLatch(1);
        Run run = claimedRun(SKETCH);
        Thread build = Thread.ofVirtual().start(() -> runner.run(run, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.contains("build app"));

        long cancelled = System.nanoTime();
        assertThat(runner.cancel(run.buildId(), "superseded by build #8")).isTrue();
        build.join(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - cancelled);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(backend.calls).containsExactly("build app", "destroy");
        assertThat(backend.aborted).containsExactly(run.buildId());
        StepFinished image = finished(run, "build app");
        assertThat(image.outcome()).isEqualTo(StepOutcome.CANCELLED);
        assertThat(image.message()).isEqualTo("cancelled: superseded by build #8");
        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.CANCELLED,
                "superseded by build #8", null));
    }

    @Test
    void aCancelAbortsThePushInProgress() throws Exception {
        // Verifies the same for a push: the held push ends at the cancel, its step ends cancelled, and nothing is
        // announced as pushed.
        backend.pushGate = new CountDownLatch(1);
        Run run = claimedRun(SKETCH);
        Thread build = Thread.ofVirtual().start(() -> runner.run(run, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.contains("push 127.0.0.1:5000/team/app"));

        assertThat(runner.cancel(run.buildId(), "cancelled by alice")).isTrue();
        build.join(Duration.ofSeconds(10));

        assertThat(build.isAlive()).isFalse();
        assertThat(finished(run, "push").outcome()).isEqualTo(StepOutcome.CANCELLED);
        assertThat(events.buildEvents(run.buildId())).noneMatch(ImagePushed.class::isInstance);
        assertThat(outcome(run).status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(backend.calls).endsWith("push 127.0.0.1:5000/team/app", "destroy");
        assertThat(backend.aborted).containsExactly(run.buildId());
    }

    @Test
    void anExecutorThatStalledPastItsLeaseNeitherRecordsNorAnnouncesTheEndOfTheBuildItLost() throws Exception {
        // Verifies a finish that lost its lease: while a step ran, a sweeper ended the run errored (executor lost);
        // when the step ends, the runner changes nothing in the table and publishes no BuildFinished, and removes what
        // the build left (the run is finished, so no other attempt owns those objects).
        RunningBuild running = runningLongStep(Duration.ofMillis(500));
        Run run = running.run();
        Thread build = running.thread();

        runs.finish(run.buildId(), BuildStatus.ERRORED, "executor lost: test-executor stopped sending heartbeats",
                Instant.now());
        build.join(Duration.ofSeconds(10));

        assertThat(build.isAlive()).isFalse();
        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.ERRORED,
                "executor lost: test-executor stopped sending heartbeats", null));
        assertThat(events.buildEvents(run.buildId())).noneMatch(BuildFinished.class::isInstance);
        assertThat(finishedStatuses).isEmpty();
        assertThat(backend.destroyCount(run.buildId())).isEqualTo(1);
    }

    @Test
    void aBuildWhoseLeaseWasLostAndThatWasQueuedAgainLeavesTheEngineToItsNextAttempt() throws Exception {
        // Verifies leaseLost for a run that a sweeper queued again (retry-lost-builds) and another claim took: the
        // runner stops its containers at once and announces nothing more, and does not destroy the build, whose
        // labelled objects now include those of the next attempt.
        RunningBuild running = runningLongStep(Duration.ofSeconds(60));
        Run run = running.run();
        Thread build = running.thread();
        int eventsBefore = events.buildEvents(run.buildId()).size();
        runs.requeue(run.buildId());
        Run nextAttempt = runs.claimOldestQueued("another-executor", Instant.now()).orElseThrow();

        assertThat(runner.leaseLost(run.buildId())).isTrue();
        build.join(Duration.ofSeconds(10));

        assertThat(build.isAlive()).isFalse();
        assertThat(nextAttempt.attempts()).isEqualTo(2);
        assertThat(backend.calls).contains("stop long");
        assertThat(backend.destroyCount(run.buildId())).isZero();
        assertThat(events.buildEvents(run.buildId())).hasSize(eventsBefore);
        assertThat(runs.state(run.buildId())).isEqualTo(RunState.RUNNING);
        assertThat(runner.leaseLost(run.buildId())).isFalse();
    }

    @Test
    void aRetriedBuildNumbersItsLogAfterTheLostAttempts() throws Exception {
        // Verifies that the second attempt of a run (queued again after its executor was lost) publishes chunks
        // numbered from 2^40, so that history, which keeps each number once, keeps both attempts' output.
        RunningBuild running = runningLongStep(Duration.ofSeconds(60));
        Run run = running.run();
        runs.requeue(run.buildId());
        assertThat(runner.leaseLost(run.buildId())).isTrue();
        running.thread().join(Duration.ofSeconds(10));
        long firstAttemptsLast = events.chunks(run.buildId()).stream().mapToLong(LogChunk::sequence).max()
                .orElse(-1);
        backend.script("long", Script.exits(0));
        Run retry = runs.claimOldestQueued("test-executor", Instant.now()).orElseThrow();

        runner.run(retry, Instant.now());

        assertThat(retry.attempts()).isEqualTo(2);
        assertThat(firstAttemptsLast).isLessThan(1L << 40);
        assertThat(events.chunks(run.buildId())).extracting(LogChunk::sequence)
                .filteredOn(sequence -> sequence > firstAttemptsLast)
                .isNotEmpty()
                .allMatch(sequence -> sequence >= 1L << 40)
                .startsWith(1L << 40);
    }

    @Test
    void aBuildWhoseCancelWasStoredBeforeItStartedRunsNothing() {
        // Verifies a cancel that reached the table before the runner registered the build: no step at all.
        Run run = claimedRun(SKETCH);
        runs.requestCancel(run.buildId(), "superseded by build #9", Instant.now());

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe)
                .containsExactly("build.finished cancelled");
        assertThat(backend.calls).containsExactly("destroy");
        assertThat(checkout.handedOut).isEmpty();
    }

    @Test
    void aRefusedPushFailsItsStepSayingWhichRegistryUserAndAnswer() {
        // Verifies that a push the registry refuses fails the step with Refused.describe() in its message and log.
        PushResult.Refused refused = new PushResult.Refused("127.0.0.1:5000", "ci",
                "unauthorized: authentication required");
        backend.pushResults.put("127.0.0.1:5000/team/app", refused);
        registries.put("127.0.0.1:5000", new RegistryAuth("127.0.0.1:5000", "ci", "registry-password"));
        Run run = claimedRun(SKETCH);

        runner.run(run, Instant.now());

        StepFinished push = finished(run, "push");
        assertThat(push.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(push.message()).isEqualTo(
                "push to 127.0.0.1:5000 as ci was refused: unauthorized: authentication required");
        assertThat(linesOf(run, "push")).contains(refused.describe());
        assertThat(outcome(run).reason()).isEqualTo("step 'push' failed: " + refused.describe());
        assertThat(backend.pushes.getFirst().auth()).contains(registries.get("127.0.0.1:5000"));
        assertThat(events.buildEvents(run.buildId())).noneMatch(ImagePushed.class::isInstance);
        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe)
                .doesNotContain("step.finished 5 release succeeded");
    }

    @Test
    void masksEverySecretValueOfTheBuildInItsLogAndMessages() {
        // Verifies masking: a secret printed inside a line, a key printed line by line, and a registry password
        // never reach a log chunk or a step's message, while the container itself gets the real values.
        String key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----";
        secrets.put("github-token", "ghp_s3cr3t");
        secrets.put("deploy-key", key);
        registries.put("127.0.0.1:5000", new RegistryAuth("127.0.0.1:5000", "ci", "hunter22"));
        backend.script("deploy", Script.exits(3).printing("token is ghp_s3cr3t, really", "-----BEGIN KEY-----",
                "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "-----END KEY-----", "logging in with hunter22"));
        Run run = claimedRun("""
                version: 1
                images:
                  app: {}
                steps:
                  - name: deploy
                    image: busybox
                    run: ./deploy.sh
                    environment:
                      GITHUB_TOKEN: { secret: github-token }
                      DEPLOY_KEY: { secret: deploy-key }
                  - name: push
                    push: { image: app, to: 127.0.0.1:5000/team/app, tags: [latest] }
                """);

        runner.run(run, Instant.now());

        assertThat(linesOf(run, "deploy")).containsExactly("token is ****, really",
                "****", "****", "****", "logging in with ****");
        assertThat(events.chunks(run.buildId()).stream().flatMap(c -> c.lines().stream()))
                .noneMatch(line -> line.contains("ghp_s3cr3t") || line.contains("MIIEvQ") || line.contains("hunter22"));
        assertThat(backend.startedFor("deploy").getFirst().environment())
                .containsEntry("GITHUB_TOKEN", "ghp_s3cr3t").containsEntry("DEPLOY_KEY", key);
    }

    @Test
    void errorsTheBuildNamingTheSecretsItNeedsAndNobodyConfigured() {
        // Verifies that missing secrets error the build before anything runs, by name, with nothing on the engine.
        secrets.put("github-token", "ghp_known");
        Run run = claimedRun("""
                version: 1
                images:
                  app: { build_args: { NPM_TOKEN: { secret: npm-token } } }
                steps:
                  - name: deploy
                    image: app
                    run: ./deploy.sh
                    environment: { GITHUB_TOKEN: { secret: github-token }, AWS_KEY: { secret: aws-key } }
                  - name: push
                    push: { image: app, to: ghcr.io/acme/app, tags: [latest], credential: ghcr-acme }
                """);

        runner.run(run, Instant.now());

        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.ERRORED,
                "the plan uses secrets that this executor does not know: aws-key, npm-token, "
                        + "ghcr-acme (the registry credential of step push)", null));
        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe)
                .containsExactly("build.finished errored");
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void refusesAContextThatLeavesTheRepositoryBeforeAnythingRuns() {
        // Verifies the context check on a plan the lint never saw: ../ errors the build before any build or setup.
        Run run = claimedRun(TestPlans.withImage(TestPlans.compile("""
                version: 1
                images:
                  app: {}
                steps:
                  - { name: test, image: app, run: make test }
                """, UUID.randomUUID(), COMMIT), "app", "../outside", "Dockerfile"));

        runner.run(run, Instant.now());

        assertThat(outcome(run).status()).isEqualTo(BuildStatus.ERRORED);
        assertThat(outcome(run).reason()).isEqualTo(
                "refused before anything ran: image app: its context '../outside' leaves the repository");
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void refusesAContextThatIsASymbolicLinkOutOfTheRepository() {
        // Verifies what no lint can see: a context directory of the repository that links to /etc is refused.
        checkout.symlinks = Map.of("config", "/etc");
        Run run = claimedRun("""
                version: 1
                images:
                  app: { context: config, dockerfile: Dockerfile }
                steps:
                  - { name: test, image: app, run: make test }
                """);

        runner.run(run, Instant.now());

        assertThat(outcome(run).reason()).isEqualTo("refused before anything ran: image app: its context 'config' "
                + "is a symbolic link that leaves the repository");
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void errorsTheBuildWhenItsPlanCannotBeRead() {
        // Verifies that a stored plan missing a field errors the build with the field's path, and nothing runs.
        Run run = claimedRun(SKETCH);
        runs.recordPlan(run.buildId(), "{\"build_id\": \"" + run.buildId() + "\"}");

        runner.run(run, Instant.now());

        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.ERRORED,
                "the build's plan cannot be read: plan.build_number: missing", null));
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void errorsABuildWhoseRequestCarriedNoPlan() {
        // Verifies the request without a plan: errored with a reason that says why and what to do.
        Run withoutPlan = claim(UUID.randomUUID());

        runner.run(withoutPlan, Instant.now());

        assertThat(outcome(withoutPlan).status()).isEqualTo(BuildStatus.ERRORED);
        assertThat(outcome(withoutPlan).reason()).startsWith("the build's request carries no plan");
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void startsServicesDependenciesFirstAwaitsTheirHealthThenRunsSteps() {
        // Verifies services: set up once, started in dependency order, health awaited where checked, before steps.
        Run run = claimedRun("""
                version: 1
                services:
                  api: { image: busybox, depends_on: [db] }
                  db:
                    image: postgres:17
                    sysctls: { net.core.somaxconn: "1024" }
                    healthcheck: { test: pg_isready, interval: 1s, timeout: 3s, retries: 5 }
                steps:
                  - { name: test, image: busybox, run: make test, services: [api] }
                """);

        runner.run(run, Instant.now());

        assertThat(backend.calls).containsExactly("setup", "start db", "health db", "start api", "start test",
                "destroy");
        ContainerSpec db = backend.startedFor("db").getFirst();
        assertThat(db.role()).isEqualTo(ContainerSpec.Role.SERVICE);
        assertThat(db.sysctls()).isEqualTo(Map.of("net.core.somaxconn", "1024"));
        assertThat(finishedStatuses).containsExactly(BuildStatus.SUCCEEDED);
    }

    @Test
    void anUnhealthyServiceErrorsTheBuildWithTheReasonAndNoStepRuns() {
        // Verifies that a service that never becomes healthy errors the build, saying why, before any step.
        backend.unhealthy.put("db", "service db is unhealthy after 5 checks: pg_isready exited 2");
        Run run = claimedRun("""
                version: 1
                services:
                  db: { image: postgres:17, healthcheck: { test: pg_isready, interval: 1s, timeout: 3s, retries: 5 } }
                steps:
                  - { name: test, image: busybox, run: make test }
                """);

        runner.run(run, Instant.now());

        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.ERRORED,
                "service db is not healthy: service db is unhealthy after 5 checks: pg_isready exited 2", null));
        assertThat(backend.startedFor("test")).isEmpty();
        assertThat(linesOf(run, "service db")).contains("service db is unhealthy after 5 checks: pg_isready exited 2");
    }

    @Test
    void aFailedImageFailsTheBuildAndOnlyFailureStepsThatNeedNoImageRun() {
        // Verifies an image whose Dockerfile fails: later images are not built, services do not start, steps in
        // the image do not run, and a failure step in a pulled image still runs.
        backend.imageResults.put("app", new ImageBuildResult.Failed("The command '/bin/sh -c exit 3' returned a "
                + "non-zero code: 3", 3));
        Run run = claimedRun("""
                version: 1
                images:
                  app: {}
                  tools: {}
                services:
                  db: { image: postgres:17 }
                steps:
                  - { name: test, image: app, run: make test }
                  - { name: rescue, image: app, run: ./rescue, when: { status: failure } }
                  - { name: notify, image: busybox, run: ./notify, when: { status: failure } }
                """);

        runner.run(run, Instant.now());

        StepFinished image = finished(run, "build app");
        assertThat(image.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(image.exitCode()).isEqualTo(3);
        assertThat(backend.calls).containsExactly("build app", "setup", "start notify", "destroy");
        assertThat(outcome(run).reason())
                .isEqualTo("step 'build app' failed: The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    }

    @Test
    void aPlanOfImagesAndPushesAloneMakesNoNetworkOrWorkspace() {
        // Verifies the lazy setup: without a container, setup is never called, and destroy still is, once.
        Run run = claimedRun("""
                version: 1
                images:
                  app: {}
                steps:
                  - name: push
                    push: { image: app, to: 127.0.0.1:5000/team/app, tags: [latest] }
                """);

        runner.run(run, Instant.now());

        assertThat(backend.calls).containsExactly("build app", "push 127.0.0.1:5000/team/app", "destroy");
        assertThat(finishedStatuses).containsExactly(BuildStatus.SUCCEEDED);
    }

    @Test
    void anEngineFaultErrorsTheStepAndTheBuildAndStopsIt() {
        // Verifies a backend fault: the step ends errored, the build errors naming the engine, nothing more starts.
        backend.startFault = new BuildBackendException("the engine at unix:///var/run/docker.sock broke off");
        Run run = claimedRun("""
                version: 1
                steps:
                  - { name: test, image: busybox, run: make test }
                  - { name: after, image: busybox, run: ./after, when: { status: [success, failure] } }
                """);

        runner.run(run, Instant.now());

        assertThat(finished(run, "test").outcome()).isEqualTo(StepOutcome.ERRORED);
        assertThat(outcome(run)).isEqualTo(new InMemoryRunRepository.Outcome(BuildStatus.ERRORED,
                "step 'test': the Docker engine failed: the engine at unix:///var/run/docker.sock broke off", null));
        assertThat(backend.calls).doesNotContain("start after");
    }

    @Test
    void errorsTheBuildWithoutBuildingWhenTheCloneFails() {
        // Verifies that a clone failure ends the build as errored, says why, and never asks the engine to build.
        checkout.failure = "could not clone file:///nowhere at abc: repository not found";
        Run run = claimedRun(SKETCH);

        runner.run(run, Instant.now());

        assertThat(events.buildEvents(run.buildId())).extracting(BuildRunnerTest::describe).containsExactly(
                "step.started 0 clone",
                "step.finished 0 clone errored",
                "build.finished errored");
        assertThat(outcome(run).reason())
                .isEqualTo("step 'clone' failed: could not clone file:///nowhere at abc: repository not found");
        assertThat(backend.calls).containsExactly("destroy");
    }

    @Test
    void publishesEveryOutputLineInChunksNumberedWithoutGaps() {
        // Verifies that each line of image and step output arrives once, in order, in chunks of one step each.
        List<String> output = IntStream.range(0, 1_234).mapToObj(i -> "line " + i).toList();
        backend.output = output;
        backend.script("test", Script.exits(0).printing(output.toArray(String[]::new)));
        Run run = claimedRun(SKETCH);

        runner.run(run, Instant.now());

        List<LogChunk> chunks = events.chunks(run.buildId());
        assertThat(chunks).extracting(LogChunk::sequence)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).mapToObj(Long::valueOf).toList());
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.lines()).hasSizeBetween(1, 500));
        assertThat(linesOf(run, "clone")).containsExactly("Cloning " + run.cloneUrl());
        assertThat(linesOf(run, "build app")).containsExactlyElementsOf(output);
        assertThat(linesOf(run, "test")).containsExactlyElementsOf(output);
    }

    @Test
    void destroysEveryBuildExactlyOnceWhateverHappenedAndDeletesItsWorkspace() {
        // Verifies the end of every build: destroy ran once after success, failure, a fault, a refusal and a cancel.
        Run succeeded = claimedRun(SKETCH);
        runner.run(succeeded, Instant.now());
        backend.script("test", Script.exits(1));
        Run failed = claimedRun(SKETCH);
        runner.run(failed, Instant.now());
        backend.fault = new BuildBackendException("engine gone");
        Run errored = claimedRun(SKETCH);
        runner.run(errored, Instant.now());
        backend.fault = null;
        checkout.symlinks = Map.of("config", "/etc");
        Run refused = claimedRun(SKETCH.replace("context: .", "context: config"));
        runner.run(refused, Instant.now());
        Run cancelled = claimedRun(SKETCH);
        runs.requestCancel(cancelled.buildId(), "stop", Instant.now());
        runner.run(cancelled, Instant.now());

        assertThat(List.of(succeeded, failed, errored, refused, cancelled))
                .extracting(r -> backend.destroyCount(r.buildId())).containsOnly(1);
        assertThat(List.of(succeeded, failed, errored, refused, cancelled)).extracting(r -> outcome(r).status())
                .containsExactly(BuildStatus.SUCCEEDED, BuildStatus.FAILED, BuildStatus.ERRORED, BuildStatus.ERRORED,
                        BuildStatus.CANCELLED);
        assertThat(checkout.handedOut).hasSize(4).allSatisfy(directory -> assertThat(directory).doesNotExist());
        assertThat(Path.of("/etc")).isDirectory();
    }

    private Run claimedRun(String pipeline) {
        return claimedRun(TestPlans.compile(pipeline, UUID.randomUUID(), COMMIT));
    }

    private Run claimedRun(BuildPlan plan) {
        UUID buildId = UUID.fromString(plan.buildId());
        Run run = claim(buildId);
        runs.recordPlan(buildId, TestPlans.json(plan));
        return run;
    }

    private Run claim(UUID buildId) {
        runs.insertIfAbsent(Run.queued(buildId, "github:acme/app", "Acme/App", 7, "file:///tmp/acme-app", COMMIT,
                "refs/heads/main", "delivery-1", UUID.randomUUID(), Instant.now()));
        Run run = runs.claimOldestQueued("test-executor", Instant.now()).orElseThrow();
        assertThat(run.buildId()).isEqualTo(buildId);
        return run;
    }

    /** A build whose one step, {@code long}, runs for {@code runs}: started on a thread of its own, in that step. */
    private RunningBuild runningLongStep(Duration runs) {
        backend.script("long", Script.exits(0).running(runs));
        Run run = claimedRun("""
                version: 1
                steps:
                  - { name: long, image: busybox, run: sleep 60 }
                """);
        Thread thread = Thread.ofVirtual().start(() -> runner.run(run, Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.contains("start long"));
        return new RunningBuild(run, thread);
    }

    private record RunningBuild(Run run, Thread thread) {
    }

    private InMemoryRunRepository.Outcome outcome(Run run) {
        return runs.outcome(run.buildId()).orElseThrow();
    }

    private StepFinished finished(Run run, String step) {
        return events.buildEvents(run.buildId()).stream()
                .filter(e -> e instanceof StepFinished f && f.stepName().equals(step))
                .map(StepFinished.class::cast).findFirst().orElseThrow(() -> new AssertionError("no " + step));
    }

    private List<String> linesOf(Run run, String step) {
        return events.chunks(run.buildId()).stream().filter(c -> c.step().equals(step))
                .flatMap(c -> c.lines().stream()).toList();
    }

    private static String describe(BuildEvent event) {
        return switch (event) {
            case StepStarted s -> "step.started " + s.stepIndex() + " " + s.stepName();
            case StepFinished s -> "step.finished " + s.stepIndex() + " " + s.stepName() + " " + s.outcome().wireName();
            case ImageBuilt i -> "image.built " + i.stepName() + " " + i.imageId() + " " + i.tags();
            case ImagePushed p -> "image.pushed " + p.stepName() + " " + p.imageId() + " " + p.repository() + " "
                    + p.tags();
            case BuildFinished f -> "build.finished " + f.status().wireName();
            default -> event.getClass().getSimpleName();
        };
    }
}
