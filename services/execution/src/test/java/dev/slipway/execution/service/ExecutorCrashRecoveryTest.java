package dev.slipway.execution.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.embedded.KafkaServer;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.testing.ScratchDatabase;
import dev.slipway.execution.testing.EngineLeftovers;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.LogChunk;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An executor dies by SIGKILL in the middle of a build, on the real engine: execution runs as a
 * process of its own against a database of the test's own on the shared PostgreSQL and a Kafka
 * broker of the test's own (execution's consumer group is fixed, and a Spring context that
 * another test class left cached in this JVM would otherwise share it). A second executor,
 * started after the kill, must find the build lost, end it, and clean up after it.
 */
@RequiresDocker
class ExecutorCrashRecoveryTest {

    /** What the issue promises: a lost build is errored within 60 s of its executor's death. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final DockerClient docker = DockerEngine.client();
    private KafkaServer kafka;
    private ScratchDatabase database;
    private LocalGitRepository repository;
    private ExecutionProcess first;
    private ExecutionProcess second;
    private Path logs;
    /** Where both executors clone; the test's own, so that only its workspaces are in it. */
    private Path workspaces;

    @BeforeEach
    void start() throws IOException {
        kafka = KafkaServer.builder().start();
        database = ScratchDatabase.create("execution_crash");
        repository = LocalGitRepository.create();
        logs = Files.createDirectories(Path.of("target", "reliability"));
        workspaces = Files.createTempDirectory("slipway-crash-workspaces-");
    }

    @AfterEach
    void stop() {
        for (ExecutionProcess process : new ExecutionProcess[] {first, second}) {
            if (process != null) {
                process.close();
            }
        }
        repository.close();
        database.close();
        kafka.close();
        try (Stream<Path> tree = Files.walk(workspaces)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + workspaces + ": " + e);
        }
    }

    @Test
    void aBuildWhoseExecutorIsKilledMidBuildIsErroredAsLostAndLeavesNothingOnTheEngine() throws Exception {
        // Verifies recovery from SIGKILL: another executor errors the build "executor lost" within 60 s of the kill,
        // with its BuildFinished on Kafka, and no container, network or volume labelled with the build is left, nor
        // the workspace that the killed executor had cloned.
        repository.writeFile("README.md", "a build that takes a minute\n");
        String commit = repository.commit("a build that takes a minute");
        UUID buildId = UUID.randomUUID();
        BuildPlan plan = TestPlans.compile("""
                version: 1
                steps:
                  - name: slow
                    image: busybox:latest
                    run: echo "slow build %s started" && sleep 60 && echo "slow build %s done"
                """.formatted(nonce, nonce), buildId, commit);
        BuildRequested request = new BuildRequested(buildId, "github:acme/crash-" + nonce, "acme/crash-" + nonce, 1,
                repository.cloneUrl(), commit, "refs/heads/main", "push", "delivery-" + nonce, null,
                TestPlans.tree(plan));
        String killedExecutor = "executor-killed-" + nonce;
        first = ExecutionProcess.start(properties(killedExecutor), logs.resolve("execution-crash-first.log"));

        long killedAt;
        try (EventProbe probe = EventProbe.openFromBeginning(kafka.bootstrapServers(), Topics.BUILD_EVENTS,
                Topics.BUILD_LOGS);
                EventSender triggers = EventSender.open(kafka.bootstrapServers())) {
            triggers.publish(request, "delivery-" + nonce);
            BuildStarted started = probe.awaitOne(r -> r.event() instanceof BuildStarted s
                    && s.buildId().equals(request.buildId()), Duration.ofSeconds(60)).as(BuildStarted.class);
            assertThat(started.executor()).isEqualTo(killedExecutor);
            // The step has printed: its container is inside its minute of sleep.
            probe.awaitOne(r -> r.event() instanceof LogChunk c && c.buildId().equals(request.buildId())
                    && c.lines().contains("slow build " + nonce + " started"), Duration.ofSeconds(60));

            assertThat(labelled(request.buildId())).as("the running build's container, network and volume")
                    .isNotEmpty();
            assertThat(workspaces()).as("the running build's workspace").singleElement().asString()
                    .startsWith("slipway-workspace-" + request.buildId() + "-");
            first.kill();
            killedAt = System.nanoTime();
            second = ExecutionProcess.start(properties("executor-survivor-" + nonce),
                    logs.resolve("execution-crash-second.log"));
            long secondReadyAt = System.nanoTime();

            BuildFinished finished = probe.awaitOne(r -> r.event() instanceof BuildFinished f
                            && f.buildId().equals(request.buildId()), RECOVERY_LIMIT.plusSeconds(5))
                    .as(BuildFinished.class);
            long finishedSeenAt = System.nanoTime();

            assertThat(finished.status()).isEqualTo(BuildStatus.ERRORED);
            assertThat(finished.reason()).startsWith("executor lost: " + killedExecutor
                    + " stopped sending heartbeats at ");
            Duration recovery = Duration.ofNanos(finishedSeenAt - killedAt);
            assertThat(recovery).as("from SIGKILL to BuildFinished on Kafka; second executor log:\n%s",
                    second.lastLines(40)).isLessThanOrEqualTo(RECOVERY_LIMIT);
            assertThat(probe.drain(Duration.ofSeconds(10)).stream()
                    .filter(r -> r.event() instanceof BuildFinished f && f.buildId().equals(request.buildId())))
                    .as("the build ends once").hasSize(1);
            assertThat(JdbcClient.create(database.migrated())
                    .sql("select state || ' ' || final_status from runs where build_id = :id")
                    .param("id", request.buildId()).query(String.class).single()).isEqualTo("finished errored");

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(labelled(request.buildId()))
                    .as("containers, networks and volumes labelled %s=%s", BuildBackend.BUILD_LABEL,
                            request.buildId()).isEmpty());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(workspaces())
                    .as("workspaces under %s", workspaces).isEmpty());
            System.out.printf("executor crash: SIGKILL of pid %d mid-build; the second executor was ready %d ms "
                            + "later; BuildFinished errored (%s) reached Kafka %d ms after the kill%n", first.pid(),
                    Duration.ofNanos(secondReadyAt - killedAt).toMillis(), finished.reason(), recovery.toMillis());
        }
    }

    private Map<String, String> properties(String executorId) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(freePort()));
        p.put("spring.datasource.url", database.executionUrl());
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("slipway.execution.executor-id", executorId);
        p.put("slipway.execution.engine-poll-interval", "500ms");
        p.put("slipway.execution.workspace-root", workspaces.toString());
        return p;
    }

    /** The names of what is in the test's workspace root. */
    private List<String> workspaces() throws IOException {
        try (Stream<Path> entries = Files.list(workspaces)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** The objects the engine has under the build's label, as {@code kind id}. */
    private List<String> labelled(UUID buildId) {
        return EngineLeftovers.of(docker, buildId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
