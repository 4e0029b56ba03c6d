package dev.slipway.execution.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.execution.ExecutionApplication;
import dev.slipway.execution.application.FakeBuildBackend;
import dev.slipway.execution.application.FakeBuildBackend.Script;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.CancelBuild;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The execution service, whole, running plans: real Kafka, real PostgreSQL (schema
 * {@code execution}) and a real clone, with the scriptable fake backend in place of the engine, so
 * that what the runtime does with a plan (lanes, services, pushes, secrets, cancels) is seen
 * through the events it publishes. Docker's own behaviour is tested against the engine elsewhere.
 * The context is closed after the class, so that no other context of this JVM shares the consumer
 * group and the run table with it.
 */
@SpringBootTest(classes = {ExecutionApplication.class, ExecutionPlanServiceTest.FakeEngine.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.name=" + ExecutionApplication.NAME,
                "slipway.execution.engine-poll-interval=200ms",
                "slipway.execution.secrets.api-token=s3cr3t-t0ken",
                "slipway.execution.registries[0].host=127.0.0.1:5000",
                "slipway.execution.registries[0].username=ci",
                "slipway.execution.registries[0].password=registry-passw0rd"})
@DirtiesContext
class ExecutionPlanServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The whole plan: an image, a service with a check, parallel lanes, a secret, a push and a release. */
    private static final String PIPELINE = """
            version: 1
            images:
              app: { context: ., dockerfile: Dockerfile }
            services:
              db: { image: postgres:17, healthcheck: { test: pg_isready, interval: 1s, timeout: 3s, retries: 5 } }
            steps:
              - name: checks
                parallel:
                  - name: unit
                    image: app
                    run: make unit
                    environment: { API_TOKEN: { secret: api-token } }
                  - { name: lint, image: busybox, run: make lint }
              - { name: push, push: { image: app, to: 127.0.0.1:5000/team/app, tags: [latest] } }
              - { name: release, release: { tag: "v1.{{ .BuildNumber }}" } }
            """;

    @TestConfiguration(proxyBeanMethods = false)
    static class FakeEngine {
        @Bean
        @Primary
        FakeBuildBackend fakeBuildBackend() {
            return new FakeBuildBackend();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, ExecutionApplication.NAME);
    }

    @Autowired
    FakeBuildBackend backend;

    @Autowired
    JdbcClient jdbc;

    private final String nonce = UUID.randomUUID().toString();
    private final LocalGitRepository repository = LocalGitRepository.create();
    private String commit;
    private EventSender sender;
    private EventProbe reports;

    @BeforeEach
    void connect() {
        repository.writeFile("Dockerfile", "FROM busybox:latest\n");
        commit = repository.commit("an image");
        String bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
        sender = EventSender.open(bootstrapServers);
        reports = EventProbe.open(bootstrapServers, Topics.BUILD_EVENTS, Topics.BUILD_LOGS);
        backend.available = true;
    }

    @AfterEach
    void close() {
        backend.available = true;
        sender.close();
        reports.close();
        repository.close();
    }

    @Test
    void runsTheRequestsPlanAndPublishesEveryStepImagePushAndTheEnd() {
        // Verifies a plan end to end through Kafka and the run table: events in order (the parallel lanes in
        // either order), the pushed image being the built one, the secret masked in the logs, the run finished.
        backend.script("unit", Script.exits(0).running(Duration.ofMillis(300)).printing("token s3cr3t-t0ken ok"));
        backend.script("lint", Script.exits(0).running(Duration.ofMillis(300)).printing("lint ok"));
        BuildRequested request = request(UUID.randomUUID(), PIPELINE);

        Envelope envelope = sender.publish(request, "delivery-" + nonce);

        BuildFinished finished = awaitFinished(request);
        assertThat(finished.status()).as(finished.reason()).isEqualTo(BuildStatus.SUCCEEDED);
        List<ReceivedEvent> received = reports.collectFor(Duration.ofSeconds(1), r -> true);
        List<String> events = ofBuild(received, request).stream().map(r -> describe((BuildEvent) r.event())).toList();
        assertThat(events.subList(0, 6)).containsExactly("build.started", "step.started 0 clone",
                "step.finished 0 clone succeeded", "step.started 1 build app", "image.built build app",
                "step.finished 1 build app succeeded");
        assertThat(events.subList(6, 10)).containsExactlyInAnyOrder("step.started 2 unit", "step.started 3 lint",
                "step.finished 2 unit succeeded", "step.finished 3 lint succeeded");
        assertThat(events.subList(10, events.size())).containsExactly("step.started 4 push", "image.pushed push",
                "step.finished 4 push succeeded", "step.finished 5 release succeeded", "build.finished succeeded");
        assertThat(ofBuild(received, request)).allSatisfy(r -> {
            assertThat(r.envelope().correlationId()).isEqualTo("delivery-" + nonce);
            assertThat(r.envelope().causationId()).isEqualTo(envelope.eventId().toString());
        });

        ImageBuilt built = event(received, request, ImageBuilt.class);
        ImagePushed pushed = event(received, request, ImagePushed.class);
        assertThat(pushed.imageId()).isEqualTo(built.imageId());
        assertThat(pushed.digest()).isEqualTo(FakeBuildBackend.DIGEST);
        assertThat(pushed.tags()).containsExactly("latest");
        assertThat(backend.pushes).filteredOn(p -> p.buildId().equals(request.buildId())).singleElement()
                .satisfies(p -> assertThat(p.auth().orElseThrow().username()).isEqualTo("ci"));
        assertThat(backend.calls).containsSubsequence("setup", "start db", "health db");
        assertThat(backend.mostStepsAtOnce.get()).isGreaterThanOrEqualTo(2);

        List<String> unitLines = linesOf(received, request, "unit");
        assertThat(unitLines).containsExactly("token **** ok");
        assertThat(jdbc.sql("select state, final_status, plan is not null from runs where build_id = :id")
                .param("id", request.buildId()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        rs.getString(3))).single()).containsExactly("finished", "succeeded", "t");
        assertThat(backend.destroyCount(request.buildId())).isEqualTo(1);
    }

    @Test
    void aCancelBuildCommandStopsARunningBuildWithinFiveSeconds() {
        // Verifies CancelBuild on slipway.build.commands for a running build: its containers are stopped, the
        // steps after do not start, and BuildFinished says cancelled, with the reason, within 5 s of the command.
        backend.script("unit", Script.exits(0).running(Duration.ofSeconds(120)));
        BuildRequested request = request(UUID.randomUUID(), PIPELINE);
        sender.publish(request, "delivery-" + nonce);
        reports.awaitOne(r -> r.event() instanceof StepStarted s && s.buildId().equals(request.buildId())
                && s.stepName().equals("unit"), WAIT);

        long sent = System.nanoTime();
        sender.publish(new CancelBuild(request.buildId(), request.repositoryId(), "superseded by build #8",
                UUID.randomUUID()), "delivery-" + nonce);
        BuildFinished finished = awaitFinished(request);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(finished.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(finished.reason()).isEqualTo("superseded by build #8");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(backend.calls).contains("stop unit", "stop db");
        assertThat(backend.startedFor("push")).isEmpty();
        assertThat(backend.pushes).noneMatch(p -> p.buildId().equals(request.buildId()));
        assertThat(backend.destroyCount(request.buildId())).isEqualTo(1);
    }

    @Test
    void aCancelOfAQueuedBuildEndsItCancelledWithoutStarting() {
        // Verifies a build cancelled while it waits for an engine: BuildFinished cancelled, no BuildStarted ever.
        backend.available = false;
        BuildRequested request = request(UUID.randomUUID(), PIPELINE);
        sender.publish(request, "delivery-" + nonce);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from runs where build_id = :id")
                .param("id", request.buildId()).query(Long.class).single() == 1);

        sender.publish(new CancelBuild(request.buildId(), request.repositoryId(), "superseded by build #9",
                UUID.randomUUID()), "delivery-" + nonce);
        BuildFinished finished = awaitFinished(request);
        backend.available = true;

        assertThat(finished.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(finished.reason()).isEqualTo("superseded by build #9");
        List<ReceivedEvent> after = reports.collectFor(Duration.ofSeconds(2), r -> true);
        assertThat(ofBuild(after, request)).extracting(r -> r.event().getClass().getSimpleName())
                .containsExactly("BuildFinished");
    }

    @Test
    void aCancelThatOvertakesItsRequestCancelsTheBuildWhenTheRequestArrives() {
        // Verifies that commands and triggers, on different topics, may arrive in either order.
        BuildRequested request = request(UUID.randomUUID(), PIPELINE);
        sender.publish(new CancelBuild(request.buildId(), request.repositoryId(), "superseded by build #10",
                UUID.randomUUID()), "delivery-" + nonce);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from cancel_requests where build_id = :id")
                .param("id", request.buildId()).query(Long.class).single() == 1);

        sender.publish(request, "delivery-" + nonce);
        BuildFinished finished = awaitFinished(request);

        assertThat(finished.status()).isEqualTo(BuildStatus.CANCELLED);
        assertThat(finished.reason()).isEqualTo("superseded by build #10");
        assertThat(ofBuild(reports.collectFor(Duration.ofSeconds(1), r -> true), request))
                .noneMatch(r -> r.event() instanceof BuildStarted);
    }

    @Test
    void aPlanThatCannotBeReadErrorsTheBuildWithTheReason() {
        // Verifies that an unreadable plan is an errored build that names the missing field, not a crash.
        UUID buildId = UUID.randomUUID();
        BuildRequested request = new BuildRequested(buildId, "github:acme/plans-" + nonce, "acme/plans", 7,
                repository.cloneUrl(), commit, "refs/heads/main", "push", "delivery-" + nonce, null,
                JsonMapper.shared().readTree("{\"build_id\": \"" + buildId + "\", \"build_number\": 7}"));

        sender.publish(request, "delivery-" + nonce);

        BuildFinished finished = awaitFinished(request);
        assertThat(finished.status()).isEqualTo(BuildStatus.ERRORED);
        assertThat(finished.reason()).isEqualTo("the build's plan cannot be read: plan.created_at: missing");
    }

    private BuildRequested request(UUID buildId, String pipeline) {
        return new BuildRequested(buildId, "github:acme/plans-" + nonce, "acme/plans", 7, repository.cloneUrl(),
                commit, "refs/heads/main", "push", "delivery-" + nonce, null,
                TestPlans.tree(TestPlans.compile(pipeline, buildId, commit)));
    }

    private BuildFinished awaitFinished(BuildRequested request) {
        return reports.awaitOne(r -> r.event() instanceof BuildFinished f && f.buildId().equals(request.buildId()),
                WAIT).as(BuildFinished.class);
    }

    private static List<ReceivedEvent> ofBuild(List<ReceivedEvent> received, BuildRequested request) {
        return received.stream().filter(r -> r.event() instanceof BuildEvent e && e.buildId().equals(request.buildId()))
                .toList();
    }

    private static <T extends BuildEvent> T event(List<ReceivedEvent> received, BuildRequested request, Class<T> type) {
        return ofBuild(received, request).stream().map(ReceivedEvent::event).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow();
    }

    private static List<String> linesOf(List<ReceivedEvent> received, BuildRequested request, String step) {
        return received.stream().map(ReceivedEvent::event)
                .filter(e -> e instanceof LogChunk c && c.buildId().equals(request.buildId()) && c.step().equals(step))
                .flatMap(e -> ((LogChunk) e).lines().stream()).toList();
    }

    private static String describe(BuildEvent event) {
        return switch (event) {
            case BuildStarted s -> "build.started";
            case StepStarted s -> "step.started " + s.stepIndex() + " " + s.stepName();
            case StepFinished s -> "step.finished " + s.stepIndex() + " " + s.stepName() + " " + s.outcome().wireName();
            case ImageBuilt i -> "image.built " + i.stepName();
            case ImagePushed p -> "image.pushed " + p.stepName();
            case BuildFinished f -> "build.finished " + f.status().wireName();
        };
    }
}
