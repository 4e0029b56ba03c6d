package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.StepExit;
import dev.slipway.testkit.docker.RequiresDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresDocker
class DockerStepExitsTest {

    private static final int MILLION = 1_000_000;

    @TempDir
    Path temp;
    private EngineBuilds engine;
    private UUID build;
    private BuildResources resources;

    @BeforeEach
    void setUpABuild() throws Exception {
        engine = new EngineBuilds(EngineBuilds.withTimeoutGrace(Duration.ofSeconds(1)), NetworkProperties.defaults());
        build = engine.newBuild();
        resources = engine.setup(build, EngineBuilds.workspace(temp, "README.md", "hello\n"));
    }

    @AfterEach
    void destroyIt() throws Exception {
        engine.close();
    }

    @Test
    void followsStdoutAndStderrLineByLineWithoutLosingOrReorderingAny() {
        // Verifies tailStep: both streams come through, and 100,000 stdout lines arrive complete and in order, with
        // a last line that has no line end. (Across the two streams the engine keeps no strict order.)
        List<String> output = outputOf("echo one; echo two >&2; echo three; seq 1 100000; printf 'no line end'");

        assertThat(output).hasSize(100_004).contains("two");
        List<String> stdout = output.stream().filter(line -> !line.equals("two")).toList();
        assertThat(stdout).startsWith("one", "three", "1").endsWith("100000", "no line end");
        for (int i = 1; i <= 100_000; i++) {
            assertThat(stdout.get(1 + i)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void keepsFollowingAStepThatPausesAndBurstsUntilItStops() {
        // Verifies tailStep on output that comes in bursts with pauses (where a follow of the engine's log may end
        // early when the step exits): every line arrives once.
        List<String> output = outputOf(
                "for burst in 1 2 3 4 5; do seq 1 5000 | sed \"s/^/$burst-/\"; sleep 0.2; done; seq 1 20000");

        assertThat(output).hasSize(5 * 5000 + 20_000).doesNotHaveDuplicates()
                .startsWith("1-1").contains("3-2500").endsWith("20000");
    }

    @Test
    void aMillionLinesArriveCompleteInOrderAndAsTheStepWritesThem() throws Exception {
        // Verifies tailStep at volume: a million numbered lines arrive each once and in order, and the read ends within
        // seconds of the container's exit, because it keeps pace with the step (the engine's log file did not:
        // read with follow, it ended 10 to 20 s after the step had).
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("print", "busybox:latest",
                "awk 'BEGIN { for (i = 1; i <= " + MILLION + "; i++) printf \"line %d\\n\", i }'"));
        long[] next = {1};
        long[] wrong = {0};
        engine.backend.tailStep(step, line -> {
            if (line.equals("line " + next[0])) {
                next[0]++;
            } else {
                wrong[0]++;
            }
        });
        Instant tailEnded = Instant.now();

        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(60))).isEqualTo(new StepExit.Exited(0, false));
        assertThat(wrong[0]).as("lines out of place").isZero();
        assertThat(next[0] - 1).as("lines in order").isEqualTo(MILLION);
        Instant exited = Instant.parse(engine.docker.inspectContainerCmd(step.containerId()).exec().getState()
                .getFinishedAt());
        assertThat(Duration.between(exited, tailEnded)).isLessThan(Duration.ofSeconds(3));
        // Read from the attached streams, the output was not written to a log of the engine's as well.
        assertThat(engine.docker.inspectContainerCmd(step.containerId()).exec().getHostConfig().getLogConfig())
                .isEqualTo(ContainerSettings.NO_ENGINE_LOG);
    }

    @Test
    void aContainerThatIsNotAttachedKeepsALogOfTheEnginesAndItsOutputIsReadFromThere() throws Exception {
        // Verifies the fallback for a container the engine will not attach (here: a backend told never to attach):
        // it is created with the engine's local log, and 50,000 lines and a last one without a line end come from
        // that log, each once and in order; the engine's log holds them too.
        engine.close();
        engine = new EngineBuilds(DockerProperties.defaults(null).readingEngineLogs(), NetworkProperties.defaults());
        build = engine.newBuild();
        resources = engine.setup(build, EngineBuilds.workspace(temp, "README.md", "hello\n"));

        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("print", "busybox:latest",
                "seq 1 50000; printf 'no line end'"));
        List<String> output = new CopyOnWriteArrayList<>();
        engine.backend.tailStep(step, output::add);

        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(60))).isEqualTo(new StepExit.Exited(0, false));
        assertThat(output).hasSize(50_001).endsWith("50000", "no line end");
        for (int i = 1; i <= 50_000; i++) {
            assertThat(output.get(i - 1)).isEqualTo(Integer.toString(i));
        }
        assertThat(engine.docker.inspectContainerCmd(step.containerId()).exec().getHostConfig().getLogConfig())
                .isEqualTo(ContainerSettings.ENGINE_LOG);
        List<String> last = new CopyOnWriteArrayList<>();
        try (var log = engine.docker.logContainerCmd(step.containerId()).withStdOut(true).withTail(1)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        last.add(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })) {
            log.awaitCompletion(10, TimeUnit.SECONDS);
        }
        assertThat(last).containsExactly("no line end");
    }

    @Test
    void destroyLetsGoOfTheOutputOfAContainerThatWasNeverFollowed() {
        // Verifies that an attached output nobody read (the build ended between a step's start and its follow) does not
        // hold up destroy, and that nothing of the build is left.
        engine.backend.startStep(resources, EngineBuilds.step("unread", "busybox:latest",
                "seq 1 200000; sleep 300"));
        long started = System.nanoTime();

        engine.backend.destroy(build);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
        assertThat(engine.leftovers(build)).isEmpty();
    }
    @Test
    void aStepPastItsLimitTimesOutAndIsStopped() {
        // Verifies the timeout: TimedOut as a result, the container stopped (killed after the grace), within seconds.
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("hang", "busybox:latest",
                "exec sleep 300"));
        long started = System.nanoTime();

        StepExit exit = engine.backend.waitStep(step, Duration.ofSeconds(1));

        assertThat(exit).isEqualTo(new StepExit.TimedOut());
        assertThat(engine.docker.inspectContainerCmd(step.containerId()).exec().getState().getRunning()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
    }

    @Test
    void aStopFromAnotherThreadEndsTheWaitAndASecondStopDoesNothing() throws Exception {
        // Verifies stopStep as a cancel: from another thread it ends a running step at once, and on an exited
        // container it is a no-op.
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("hang", "busybox:latest",
                "exec sleep 300"));
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
            sleep(300);
            engine.backend.stopStep(step, Duration.ZERO);
        });

        StepExit exit = engine.backend.waitStep(step, Duration.ofSeconds(60));
        cancel.get(10, TimeUnit.SECONDS);

        assertThat(exit).isEqualTo(new StepExit.Exited(137, false));
        engine.backend.stopStep(step, Duration.ZERO);
        engine.backend.stopStep(step, Duration.ofSeconds(5));
    }

    @Test
    void aStepPastItsMemoryLimitIsKilledAndTheExitSaysSo() {
        // Verifies the memory limit end to end on the engine: a step limited to 32 MiB that reads an endless line
        // (busybox tail keeps the whole line in memory) is killed by the kernel, and waitStep reports the OOM kill
        // with exit code 137; the container had the limit as its memory and its memory plus swap.
        long limit = 32L << 20;
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("hungry", "busybox:latest",
                "tail /dev/zero", OptionalLong.of(limit)));

        StepExit exit = engine.backend.waitStep(step, Duration.ofSeconds(60));

        assertThat(exit).isEqualTo(new StepExit.Exited(137, true));
        HostConfig host = engine.docker.inspectContainerCmd(step.containerId()).exec().getHostConfig();
        assertThat(host.getMemory()).isEqualTo(limit);
        assertThat(host.getMemorySwap()).isEqualTo(limit);
    }

    @Test
    void aStepWithinItsMemoryLimitExitsAsUsual() {
        // Verifies that the limit only stops what exceeds it: a step that uses a few MiB under a 32 MiB limit exits 0,
        // not killed.
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("modest", "busybox:latest",
                "head -c 4000000 /dev/zero | tr '\\0' a | wc -c", OptionalLong.of(32L << 20)));

        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(60))).isEqualTo(new StepExit.Exited(0, false));
    }

    @Test
    void anImageThatIsNotThereIsAFaultThatNamesIt() {
        // Verifies that a missing image is the backend's fault (the plan named it), in words that name it and the step.
        assertThatThrownBy(() -> engine.backend.startStep(resources, EngineBuilds.step("lint", "slipway/no-such:image",
                "true")))
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining("slipway/no-such:image")
                .hasMessageContaining("step lint");
    }

    /** Runs {@code script} as a step, follows its output to the end, and checks that it exited 0. */
    private List<String> outputOf(String script) {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("print", "busybox:latest", script));
        engine.backend.tailStep(step, output::add);
        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(60))).isEqualTo(new StepExit.Exited(0, false));
        return output;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
