package dev.slipway.execution.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.execution.ExecutionApplication;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.testing.EngineLeftovers;
import dev.slipway.execution.testing.HostProcesses;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildCommand;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.CancelBuild;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.LocalRegistry;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The executor running compiled plans on the real engine, end to end through Kafka: the pushes of
 * round 2 checked against a real registry with htpasswd, the sysctls of round 5 read back from a
 * service, a cancel in the middle of a step, a step killed for memory, and fifty builds that leave
 * nothing on the engine. Every container may use {@value #CONTAINER_MEMORY}, as an operator would
 * set it.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(classes = ExecutionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=" + ExecutionApplication.NAME,
                "slipway.execution.engine-poll-interval=200ms", "slipway.execution.concurrency=4",
                "slipway.execution.container-memory=" + BuildPlansOnTheEngineServiceTest.CONTAINER_MEMORY})
class BuildPlansOnTheEngineServiceTest {

    static final String CONTAINER_MEMORY = "64MB";

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final LocalRegistry REGISTRY = new LocalRegistry();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, ExecutionApplication.NAME);
        registry.add("slipway.execution.registries[0].host", REGISTRY::address);
        registry.add("slipway.execution.registries[0].username", () -> LocalRegistry.USERNAME);
        registry.add("slipway.execution.registries[0].password", () -> LocalRegistry.PASSWORD);
    }

    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final LocalGitRepository repository = LocalGitRepository.create();
    private final DockerClient docker = DockerEngine.client();
    private final List<String> builtImages = new ArrayList<>();
    private EventSender sender;
    private EventProbe reports;

    @BeforeEach
    void connect() {
        String bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
        sender = EventSender.open(bootstrapServers);
        reports = EventProbe.open(bootstrapServers, Topics.BUILD_EVENTS, Topics.BUILD_LOGS);
    }

    @AfterEach
    void cleanUp() {
        sender.close();
        reports.close();
        repository.close();
        for (String image : builtImages) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // another image of the test held the same layers, or it is gone
            }
        }
    }

    @Test
    void aTwoStageBuildTestsInItsBuilderStageAndPushesTheRuntimeImageThatTheRegistryThenServesByDigest() {
        // Round 2: the step runs in the builder stage; the push sends the runtime image as :<commit> and :latest;
        // both tags' manifest digests in the registry are the digest ImagePushed recorded, and the pushed image
        // carries the build's labels.
        repository.writeFile("Dockerfile", """
                FROM busybox:latest AS builder
                RUN echo "artifact of %s" > /artifact.txt && printf '#!/bin/sh\\ngrep -q %s /artifact.txt\\n' > /run-tests \\
                    && chmod +x /run-tests
                FROM busybox:latest
                COPY --from=builder /artifact.txt /artifact.txt
                CMD ["cat", "/artifact.txt"]
                """.formatted(nonce, nonce));
        String commit = repository.commit("a two-stage image");
        UUID buildId = UUID.randomUUID();
        String to = REGISTRY.repository("team/app");
        BuildPlan plan = TestPlans.compile("""
                version: 1
                images:
                  app: { context: ., dockerfile: Dockerfile }
                steps:
                  - name: test
                    image: app@builder
                    run: /run-tests && echo "tests passed in the builder stage"
                  - name: push
                    push: { image: app, to: %s, tags: ["{{ .CommitID }}", latest] }
                """.formatted(to), buildId, commit);

        List<ReceivedEvent> events = run(request(buildId, commit, plan));

        assertThat(finished(events, buildId).status()).as(finished(events, buildId).reason())
                .isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(lines(events, buildId)).contains("tests passed in the builder stage");
        List<ImageBuilt> built = of(events, ImageBuilt.class);
        built.forEach(image -> builtImages.add(image.imageId()));
        ImagePushed pushed = of(events, ImagePushed.class).getFirst();
        ImageBuilt runtime = built.stream().filter(image -> image.stepName().equals("build app")).findFirst()
                .orElseThrow(() -> new AssertionError("no image built by step 'build app' in " + built));
        assertThat(pushed.imageId()).isEqualTo(runtime.imageId());
        assertThat(pushed.repository()).isEqualTo(to);
        assertThat(pushed.tags()).containsExactly(commit, "latest");
        assertThat(REGISTRY.manifestDigest("team/app", commit)).contains(pushed.digest());
        assertThat(REGISTRY.manifestDigest("team/app", "latest")).contains(pushed.digest());
        assertThat(REGISTRY.imageLabels("team/app", commit))
                .containsEntry(BuildBackend.BUILD_LABEL, buildId.toString())
                .containsEntry(BuildBackend.COMMIT_LABEL, commit);
    }

    @Test
    void aServicesSysctlsAreTheValuesReadInsideItAndItIsReachedByItsName() {
        // Round 5: a service with net.core.somaxconn and kernel.shmmax serves what /proc/sys says inside it; a step on
        // the build's network fetches it by the service's name.
        repository.writeFile("service/Dockerfile", """
                FROM busybox:latest
                RUN mkdir -p /www
                CMD ["sh", "-c", "cat /proc/sys/net/core/somaxconn /proc/sys/kernel/shmmax > /www/sysctls && exec httpd -f -p 8080 -h /www"]
                """);
        String commit = repository.commit("a service that shows its sysctls");
        UUID buildId = UUID.randomUUID();
        BuildPlan plan = TestPlans.compile("""
                version: 1
                images:
                  server: { context: service, dockerfile: Dockerfile }
                services:
                  kernel:
                    image: server
                    sysctls: { net.core.somaxconn: "1024", kernel.shmmax: "68719476736" }
                    healthcheck: { test: "wget -q -O /dev/null http://127.0.0.1:8080/sysctls", interval: 1s }
                steps:
                  - name: read
                    image: busybox:latest
                    run: wget -q -O - http://kernel:8080/sysctls | tr '\\n' ' ' | sed 's/^/sysctls=/'
                """, buildId, commit);

        List<ReceivedEvent> events = run(request(buildId, commit, plan));
        of(events, ImageBuilt.class).forEach(image -> builtImages.add(image.imageId()));

        assertThat(finished(events, buildId).status()).as(finished(events, buildId).reason())
                .isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(lines(events, buildId)).anySatisfy(line -> assertThat(line).startsWith("sysctls=1024 68719476736"));
    }

    @Test
    void aCancelInTheMiddleOfAStepRemovesTheBuildsContainersWithinFiveSecondsAndEndsItCancelled() {
        // CancelBuild on slipway.build.commands while a step sleeps: within 5 s the build is cancelled and nothing
        // labelled with it is left on the engine.
        String commit = repository.commit("a step that would take ten minutes");
        UUID buildId = UUID.randomUUID();
        BuildPlan plan = TestPlans.compile("""
                version: 1
                steps:
                  - name: long
                    image: busybox:latest
                    run: echo "long step %s started" && sleep 600
                """.formatted(nonce), buildId, commit);
        sender.publish(request(buildId, commit, plan), "delivery-" + nonce);
        reports.awaitOne(r -> r.event() instanceof LogChunk chunk && chunk.buildId().equals(buildId)
                && chunk.lines().contains("long step " + nonce + " started"), BUILD_TIMEOUT);
        assertThat(labelled(buildId)).as("the running build's objects").isNotEmpty();

        Cancelled cancelled = cancel(buildId);
        await().atMost(Duration.ofSeconds(5)).until(() -> labelled(buildId).isEmpty());
        Duration took = cancelled.elapsed();

        assertThat(cancelled.finished().status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.finished().reason()).contains("cancelled by the test");
        assertThat(took).as("from CancelBuild to nothing left on the engine").isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCancelWhileAnImageBuildsStopsItsRunInstructionAndEndsTheBuildCancelledWithinFiveSeconds() {
        // CancelBuild while the Dockerfile's RUN sleeps a minute: within 5 s the build is cancelled, its image step ends
        // cancelled, and neither anything labelled with the build is left on the engine nor the RUN instruction's
        // process (BuildKit's, found by the nonce in its command; the sleep is not the shell's last command).
        repository.writeFile("Dockerfile", """
                FROM busybox:latest
                RUN echo "instruction %s started" && sleep 60 && echo "not cancelled"
                """.formatted(nonce));
        String commit = repository.commit("an image whose build takes a minute");
        UUID buildId = UUID.randomUUID();
        BuildPlan plan = TestPlans.compile("""
                version: 1
                images:
                  slow: { context: ., dockerfile: Dockerfile }
                steps:
                  - { name: after, image: slow, run: "true" }
                """, buildId, commit);
        sender.publish(request(buildId, commit, plan), "delivery-" + nonce);
        reports.awaitOne(r -> r.event() instanceof LogChunk chunk && chunk.buildId().equals(buildId)
                && chunk.lines().stream().anyMatch(line -> line.endsWith("instruction " + nonce + " started")),
                BUILD_TIMEOUT);
        assertThat(instructionProcesses()).as("the RUN instruction's process while it runs").isNotEmpty();

        Cancelled cancelled = cancel(buildId);
        Duration untilFinished = cancelled.elapsed();
        await().atMost(Duration.ofSeconds(5)).until(() -> labelled(buildId).isEmpty() && instructionProcesses().isEmpty());
        Duration untilClean = cancelled.elapsed();

        assertThat(cancelled.finished().status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(cancelled.finished().reason()).contains("cancelled by the test");
        assertThat(untilFinished).as("from CancelBuild to BuildFinished").isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(untilClean).as("from CancelBuild to nothing left on the engine")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        StepFinished image = reports.awaitOne(r -> r.event() instanceof StepFinished f && f.buildId().equals(buildId)
                && f.stepName().equals("build slow"), Duration.ofSeconds(5)).as(StepFinished.class);
        assertThat(image.outcome()).isEqualTo(StepOutcome.CANCELLED);
    }

    @Test
    void aStepPastTheExecutorsMemoryLimitEndsOomKilledAndFailsTheBuild() {
        // With container-memory 64MB, a step that reads an endless line (busybox tail keeps it all in memory) is killed
        // by the kernel: its StepFinished says oom_killed, exit code 137, "killed for running out of memory", the
        // build fails (a result of the step, not an error), and the step on failure still runs.
        String commit = repository.commit("a step that eats memory");
        UUID buildId = UUID.randomUUID();
        BuildPlan plan = TestPlans.compile("""
                version: 1
                steps:
                  - name: hungry
                    image: busybox:latest
                    run: tail /dev/zero
                  - name: report
                    image: busybox:latest
                    when: { status: [failure] }
                    run: echo "reported after the kill"
                """, buildId, commit);

        List<ReceivedEvent> events = run(request(buildId, commit, plan));

        StepFinished hungry = of(events, StepFinished.class).stream()
                .filter(step -> step.buildId().equals(buildId) && step.stepName().equals("hungry")).findFirst()
                .orElseThrow(() -> new AssertionError("no StepFinished for step 'hungry'"));
        assertThat(hungry.outcome()).isEqualTo(StepOutcome.OOM_KILLED);
        assertThat(hungry.exitCode()).isEqualTo(137);
        assertThat(hungry.message()).isEqualTo("killed for running out of memory (exit code 137)");
        BuildFinished finished = finished(events, buildId);
        assertThat(finished.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(finished.reason()).isEqualTo("step 'hungry' was killed for running out of memory (exit code 137)");
        assertThat(lines(events, buildId)).contains("reported after the kill");
    }

    @Test
    void fiftyBuildsInARowLeaveNoContainerNetworkOrVolumeBehind() {
        // Each build has a service, a workspace and a step; after 50 of them none of their objects is on the engine.
        String commit = repository.commit("fifty builds");
        List<UUID> builds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID buildId = UUID.randomUUID();
            builds.add(buildId);
            BuildPlan plan = TestPlans.compile("""
                    version: 1
                    services:
                      idle: { image: busybox:latest }
                    steps:
                      - name: look
                        image: busybox:latest
                        run: test -d /workspace && echo "build %d looked"
                    """.formatted(i), buildId, commit);
            sender.publish(request(buildId, commit, plan), "delivery-" + nonce + "-" + i);
        }
        List<ReceivedEvent> finished = reports.await(r -> r.event() instanceof BuildFinished f
                && builds.contains(f.buildId()), 50, Duration.ofMinutes(5));

        assertThat(finished).extracting(r -> ((BuildFinished) r.event()).status()).containsOnly(BuildStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(builds.stream()
                .flatMap(id -> labelled(id).stream()).toList()).as("objects left by the 50 builds").isEmpty());
    }

    private BuildRequested request(UUID buildId, String commit, BuildPlan plan) {
        return new BuildRequested(buildId, "github:acme/app", "acme/app", 7, repository.cloneUrl(), commit,
                "refs/heads/main", "push", "delivery-" + buildId, null, TestPlans.tree(plan));
    }

    private List<ReceivedEvent> run(BuildRequested request) {
        sender.publish(request, "delivery-" + nonce);
        reports.awaitOne(r -> r.event() instanceof BuildFinished f && f.buildId().equals(request.buildId()),
                BUILD_TIMEOUT);
        // Chunks travel on their own topic; the last of them may land just after BuildFinished.
        return reports.collectFor(Duration.ofSeconds(1), r -> true);
    }

    private static BuildFinished finished(List<ReceivedEvent> events, UUID buildId) {
        return events.stream().filter(r -> r.event() instanceof BuildFinished f && f.buildId().equals(buildId))
                .map(r -> (BuildFinished) r.event()).findFirst()
                .orElseThrow(() -> new AssertionError("no BuildFinished for " + buildId));
    }

    private static List<String> lines(List<ReceivedEvent> events, UUID buildId) {
        return events.stream().filter(r -> r.event() instanceof LogChunk chunk && chunk.buildId().equals(buildId))
                .flatMap(r -> ((LogChunk) r.event()).lines().stream()).toList();
    }

    private static <T> List<T> of(List<ReceivedEvent> events, Class<T> type) {
        return events.stream().map(ReceivedEvent::event).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }

    private List<String> labelled(UUID buildId) {
        return EngineLeftovers.of(docker, buildId);
    }

    /** The containers of this test's Dockerfile RUN instruction, running or not. */
    private List<String> instructionProcesses() {
        return HostProcesses.withCommandContaining("instruction " + nonce);
    }


    /** Sends CancelBuild for {@code buildId} and waits for its BuildFinished; the clock starts at the send. */
    private Cancelled cancel(UUID buildId) {
        long sent = System.nanoTime();
        sender.publish(new CancelBuild(buildId, "github:acme/app", "cancelled by the test", null), "cancel-" + nonce);
        BuildFinished finished = reports.awaitOne(r -> r.event() instanceof BuildFinished f && f.buildId().equals(buildId),
                Duration.ofSeconds(30)).as(BuildFinished.class);
        return new Cancelled(finished, sent);
    }

    private record Cancelled(BuildFinished finished, long sentAtNanos) {

        /** The time since the CancelBuild was sent. */
        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - sentAtNanos);
        }
    }
}
