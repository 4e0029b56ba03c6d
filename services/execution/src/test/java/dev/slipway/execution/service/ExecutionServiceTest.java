package dev.slipway.execution.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.slipway.execution.ExecutionApplication;
import dev.slipway.execution.testing.BuiltImages;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The execution service, whole, against the shared real Kafka broker and PostgreSQL (schema
 * {@code execution}) and the real Docker engine: a {@code BuildRequested} with a plan that builds a
 * two-stage image goes in on {@code slipway.build.triggers}, and a real build's events and logs
 * come out. The context is closed after the class, so that no other context of this JVM shares
 * the consumer group and the run table with it.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(classes = ExecutionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ExecutionApplication.NAME,
                "slipway.execution.engine-poll-interval=500ms"})
class ExecutionServiceTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, ExecutionApplication.NAME);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final String nonce = UUID.randomUUID().toString();
    private final LocalGitRepository repository = LocalGitRepository.create();
    private final BuiltImages images = new BuiltImages(DockerEngine.client());
    private EventSender triggers;
    private EventProbe reports;

    @BeforeEach
    void connect() {
        // Triggers go out as filtering sends them; events and logs are read as history reads them.
        String bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
        triggers = EventSender.open(bootstrapServers);
        reports = EventProbe.open(bootstrapServers, Topics.BUILD_EVENTS, Topics.BUILD_LOGS);
    }

    @AfterEach
    void cleanUp() {
        triggers.close();
        reports.close();
        images.removeAll();
        repository.close();
    }

    @Test
    void buildsTheRequestedCommitAndReportsEveryStepInOrder() throws Exception {
        // Verifies the executor end to end on the engine: a plan's two-stage image is cloned, built and
        // reported as started, cloned, built, imaged and succeeded, with its output as logs.
        BuildRequested request = requestTwoStageBuild();

        Envelope envelope = triggers.publish(request, "delivery-" + nonce);

        List<ReceivedEvent> received = awaitFinished(request);
        List<ReceivedEvent> events = ofBuild(received, request, BuildEvent.class);
        assertThat(events).extracting(r -> describe((BuildEvent) r.event())).containsExactly(
                "build.started",
                "step.started 0 clone",
                "step.finished 0 clone succeeded",
                "step.started 1 build app",
                "image.built [slipway/acme-service-test/app:3]",
                "step.finished 1 build app succeeded",
                "step.finished 2 release succeeded",
                "build.finished succeeded");
        assertThat(events).allSatisfy(r -> {
            assertThat(r.envelope().correlationId()).isEqualTo("delivery-" + nonce);
            assertThat(r.envelope().causationId()).isEqualTo(envelope.eventId().toString());
        });
        assertThat(((BuildStarted) events.getFirst().event()).executor()).isNotBlank();

        ImageBuilt built = (ImageBuilt) events.get(4).event();
        images.image(built.imageId());
        InspectImageResponse image = DockerEngine.client().inspectImageCmd(built.imageId()).exec();
        assertThat(image.getRepoTags()).contains("slipway/acme-service-test/app:3");
        assertThat(image.getConfig().getLabels()).containsAllEntriesOf(Map.of(
                "dev.slipway.build", request.buildId().toString(),
                "dev.slipway.commit", request.commitSha(),
                "dev.slipway.step", "build app",
                "dev.slipway.image", "app"));

        List<LogChunk> chunks = received.stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof LogChunk c && c.buildId().equals(request.buildId()))
                .map(LogChunk.class::cast).toList();
        images.layersIn(chunks.stream().flatMap(c -> c.lines().stream()).toList());
        assertThat(chunks).extracting(LogChunk::sequence)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).mapToObj(Long::valueOf).toList());
        assertThat(linesOf(chunks, "clone")).contains("Cloning " + repository.cloneUrl());
        // BuildKit's progress, as the docker CLI prints it plain: the RUN's output under the RUN's number.
        assertThat(linesOf(chunks, "build app"))
                .anyMatch(line -> line.matches("#\\d+ \\[builder \\d/\\d] RUN echo .*"))
                .anyMatch(line -> line.matches("#\\d+ built " + nonce));

        assertThat(jdbc.sql("select state, final_status, image_id from runs where build_id = :id")
                .param("id", request.buildId()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        rs.getString(3))).single())
                .containsExactly("finished", "succeeded", built.imageId());
        assertThat(meters.counter("slipway.execution.builds", "status", "succeeded").count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.timer("slipway.execution.build.duration", "status", "succeeded").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRedeliveredRequestStartsNoSecondBuild() throws Exception {
        // Verifies idempotence: the same event again, and the same build under a new event id, change nothing.
        BuildRequested request = requestTwoStageBuild();
        Envelope envelope = triggers.publish(request, "delivery-" + nonce);
        List<ReceivedEvent> first = awaitFinished(request);
        first.stream().filter(r -> r.event() instanceof ImageBuilt i && i.buildId().equals(request.buildId()))
                .forEach(r -> images.image(((ImageBuilt) r.event()).imageId()));
        images.layersIn(first.stream().filter(r -> r.event() instanceof LogChunk c
                        && c.buildId().equals(request.buildId()))
                .flatMap(r -> ((LogChunk) r.event()).lines().stream()).toList());

        triggers.publish(request, envelope);
        RecordMetadata last = triggers.publish(request,
                Envelope.of(request, "delivery-" + nonce, null, Instant.now()));
        awaitConsumedByExecution(last);

        List<ReceivedEvent> after = reports.collectFor(Duration.ofSeconds(2), r -> true);
        assertThat(ofBuild(after, request, BuildStarted.class)).hasSize(1);
        assertThat(ofBuild(after, request, BuildFinished.class)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from runs where build_id = :id").param("id", request.buildId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void reportsTheEngineInItsHealthWithoutBeingDown() throws Exception {
        // Verifies the docker health contributor: UP, naming the engine, and builds that can run.
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode docker = JsonMapper.shared().readTree(health.body()).path("components").path("docker");
        assertThat(docker.path("status").asString()).isEqualTo("UP");
        assertThat(docker.path("details").path("engine").asString()).matches("Docker .+ \\(API .+\\) at .+");
        assertThat(docker.path("details").path("builds").asString()).matches("running \\d+ of at most 2");
    }

    private BuildRequested requestTwoStageBuild() {
        repository.writeFile("Dockerfile", """
                FROM busybox:latest AS builder
                RUN echo "built %s" | tee /artifact.txt
                FROM busybox:latest
                COPY --from=builder /artifact.txt /artifact.txt
                """.formatted(nonce));
        String commit = repository.commit("a two-stage image");
        UUID buildId = UUID.randomUUID();
        // An image and no container: the engine builds it without a network or a workspace volume. The
        // compiler leaves out images that no step uses, so the image is added to the compiled plan.
        BuildPlan plan = TestPlans.withImages(TestPlans.compile("""
                version: 1
                steps:
                  - name: release
                    release: { tag: "v1.{{ .BuildNumber }}" }
                """, buildId, commit), List.of(new BuildPlan.PlanImage("app", "app", ".", "Dockerfile",
                Optional.empty(), List.of(), List.of())));
        return new BuildRequested(buildId, "github:acme/service-test-" + nonce, "Acme/Service-Test", 3,
                repository.cloneUrl(), commit, "refs/heads/main", "push", "delivery-" + nonce, null,
                TestPlans.tree(plan));
    }

    private List<ReceivedEvent> awaitFinished(BuildRequested request) {
        BuildFinished finished = reports.awaitOne(
                r -> r.event() instanceof BuildFinished f && f.buildId().equals(request.buildId()), BUILD_TIMEOUT)
                .as(BuildFinished.class);
        assertThat(finished.status()).as(finished.reason()).isEqualTo(BuildStatus.SUCCEEDED);
        // Chunks travel on their own topic; the last of them may land just after BuildFinished.
        return reports.collectFor(Duration.ofSeconds(1), r -> true);
    }

    private void awaitConsumedByExecution(RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ExecutionApplication.NAME)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private static List<ReceivedEvent> ofBuild(List<ReceivedEvent> received, BuildRequested request, Class<?> type) {
        return received.stream()
                .filter(r -> type.isInstance(r.event()) && r.event() instanceof BuildEvent e
                        && e.buildId().equals(request.buildId()))
                .toList();
    }

    private static List<String> linesOf(List<LogChunk> chunks, String step) {
        return chunks.stream().filter(c -> c.step().equals(step)).flatMap(c -> c.lines().stream()).toList();
    }

    private static String describe(BuildEvent event) {
        return switch (event) {
            case BuildStarted s -> "build.started";
            case StepStarted s -> "step.started " + s.stepIndex() + " " + s.stepName();
            case StepFinished s -> "step.finished " + s.stepIndex() + " " + s.stepName() + " " + s.outcome().wireName();
            case ImageBuilt i -> "image.built " + i.tags();
            case ImagePushed p -> "image.pushed " + p.repository() + " " + p.tags();
            case BuildFinished f -> "build.finished " + f.status().wireName();
        };
    }
}
