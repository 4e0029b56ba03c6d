package dev.slipway.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import dev.slipway.model.scm.ScmEvent;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = "spring.config.name=filtering")
class BuildDecisionServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "filtering");
    }

    @Autowired
    JdbcClient jdbc;

    private EventProbe triggers;
    private EventSender sender;
    private final String repository = "github:acme/app-" + UUID.randomUUID();

    @BeforeEach
    void openKafka() {
        triggers = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.BUILD_TRIGGERS,
                Topics.deadLetter(Topics.SCM_EVENTS));
        sender = EventSender.open(TestInfrastructure.kafka().bootstrapServers());
    }

    @AfterEach
    void closeKafka() {
        triggers.close();
        sender.close();
    }

    @Test
    void everyPushIsRequestedAsABuildWithTheRepositorysNextNumber() {
        // Two pushes give builds #1 and #2 of their repository, carrying what execution needs to run them.
        PushReceived first = push("d-1", "a".repeat(40));
        PushReceived second = push("d-2", "b".repeat(40));

        Envelope cause = sender.publish(first, "d-1");
        sender.publish(second, "d-2");

        List<ReceivedEvent> requested = triggers.await(ofRepository(), 2, WAIT);
        BuildRequested one = requested.get(0).as(BuildRequested.class);
        BuildRequested two = requested.get(1).as(BuildRequested.class);
        assertThat(one.buildNumber()).isEqualTo(1);
        assertThat(two.buildNumber()).isEqualTo(2);
        assertThat(one.commitSha()).isEqualTo("a".repeat(40));
        assertThat(one.cloneUrl()).isEqualTo(first.cloneUrl());
        assertThat(one.ref()).isEqualTo("refs/heads/main");
        assertThat(one.event()).isEqualTo("push");
        assertThat(one.deliveryId()).isEqualTo("d-1");
        assertThat(requested.get(0).envelope().correlationId()).isEqualTo("d-1");
        assertThat(requested.get(0).envelope().causationId()).isEqualTo(cause.eventId().toString());
        assertThat(requested.get(0).key()).isEqualTo(repository);
    }

    @Test
    void aReplayedDeliveryFindsItsDecisionAndRequestsNothingAgain() {
        // The same delivery under a new event id (a replay) keeps its one decision and build number.
        PushReceived push = push("d-replayed", "c".repeat(40));
        sender.publish(push, "d-replayed");
        triggers.await(ofRepository(), 1, WAIT);

        sender.publish(push, "d-replayed");
        sender.publish(push("d-next", "d".repeat(40)), "d-next");

        List<ReceivedEvent> requested = triggers.await(ofRepository(), 2, WAIT);
        assertThat(requested).extracting(r -> r.as(BuildRequested.class).deliveryId())
                .containsExactly("d-replayed", "d-next");
        assertThat(requested.get(1).as(BuildRequested.class).buildNumber()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ?").param(repository)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        // The same event id twice is consumed once: one decision, one request.
        PushReceived push = push("d-twice", "e".repeat(40));
        Envelope envelope = sender.publish(push, "d-twice");
        sender.publish(push, envelope);
        sender.publish(push("d-after", "f".repeat(40)), "d-after");

        List<ReceivedEvent> requested = triggers.await(ofRepository(), 2, WAIT);
        assertThat(requested).extracting(r -> r.as(BuildRequested.class).buildNumber()).containsExactly(1L, 2L);
        assertThat(triggers.collectFor(Duration.ofSeconds(1), ofRepository())).hasSize(2);
    }

    @Test
    void tagReleasePullRequestPingAndDeletionEventsAreConsumedWithoutABuildOrADeadLetter() {
        // The SCM events filtering does not decide on yet are consumed, not retried or parked: they request no build
        // and take no build number, and the push after them is still build #1.
        String cloneUrl = "file:///srv/git/app.git";
        String name = repository.substring("github:".length());
        List<ScmEvent> undecided = List.of(
                new TagCreated("d-create", "github", repository, name, cloneUrl, "v1.0.0", "refs/tags/v1.0.0", null,
                        "bot"),
                new ReleasePublished("d-release", "github", repository, name, cloneUrl, "published", "v1.0.0",
                        "v1.0.0", "Notes", "main", false, "bot"),
                new PullRequestChanged("d-pr", "github", repository, name, cloneUrl, "opened", 4, "Change",
                        "feature", "9".repeat(40), "main", null, false, "ada"),
                new TagDeleted("d-delete", "github", repository, name, cloneUrl, "v0.9.0", "refs/tags/v0.9.0", null,
                        "ada"),
                new PingReceived("d-ping", "github", repository, name, cloneUrl, 42, "Design for failure.",
                        List.of("push"), "ada"),
                new PushReceived("d-deleted-push", "github", repository, name, cloneUrl, "refs/heads/feature",
                        "9".repeat(40), "0".repeat(40), null, List.of(), "ada", false, true, null));
        List<Envelope> sent = undecided.stream().map(event -> sender.publish(event, event.deliveryId())).toList();

        sender.publish(push("d-live", "a".repeat(40)), "d-live");

        BuildRequested only = triggers.awaitOne(ofRepository(), WAIT).as(BuildRequested.class);
        assertThat(only.deliveryId()).isEqualTo("d-live");
        assertThat(only.buildNumber()).isEqualTo(1);
        assertThat(triggers.collectFor(Duration.ofSeconds(1), ofRepository()))
                .as("no trigger and no dead letter for the undecided events").hasSize(1);
        for (Envelope envelope : sent) {
            assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?")
                    .param(envelope.eventId()).query(Long.class).single())
                    .as("%s was consumed", envelope.eventType()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ?").param(repository)
                .query(Long.class).single()).isEqualTo(1);
    }

    private Predicate<ReceivedEvent> ofRepository() {
        return EventProbe.keyed(repository);
    }

    private PushReceived push(String delivery, String sha) {
        Commit head = new Commit(sha, "Change things", "Ada");
        return new PushReceived(delivery, "github", repository, repository.substring("github:".length()),
                "file:///srv/git/app.git", "refs/heads/main", "0".repeat(40), sha, head, List.of(head), "ada");
    }
}
