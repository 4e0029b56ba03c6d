package dev.slipway.ingestion.service;

import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.CLONE_URL;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY_ID;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.SECRET;
import static dev.slipway.testkit.kafka.EventProbe.correlatedTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.model.Topics;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingestion service, whole, on a random port, against the shared real PostgreSQL (schema
 * {@code ingestion}) and Kafka broker, with one repository declared in a YAML file. Every test
 * uses delivery ids of its own, since the database and broker are shared.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionApplication.NAME)
class GitHubWebhookServiceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEMS = "https://slipway.dev/problems/";
    private static final int OVER_THE_LIMIT = 26 * 1024 * 1024;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, IngestionApplication.NAME);
        registry.add("slipway.repositories.file", () -> DeclaredRepositoriesFile.write().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private WebhookClient client;
    private EventProbe scmEvents;

    @BeforeEach
    void connect() {
        client = new WebhookClient(port);
        scmEvents = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.SCM_EVENTS);
    }

    @AfterEach
    void disconnect() {
        scmEvents.close();
    }

    @Test
    void acceptsASignedPushStoresItAndPublishesPushReceivedWithTheDeclaredCloneUrl() {
        // Verifies the whole way in: 202 after commit, one accepted row with the raw body, and the event on Kafka.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).branch("main").commit(sha('a'), "Add a feature")
                .deliver(SECRET);

        WebhookClient.Answer answer = client.post(push);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(answer.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(answer.json().path("repositoryId").asString()).isEqualTo(REPOSITORY_ID);
        String eventId = answer.json().path("eventId").asString();

        Map<String, Object> row = jdbc.sql("""
                        select verdict, repository_id, event_name, cast(event_id as text) as event_id, body,
                               headers ->> 'x-hub-signature-256' as signature, headers ->> 'x-github-event' as event
                        from deliveries where delivery_id = :id""")
                .param("id", push.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "accepted").containsEntry("repository_id", REPOSITORY_ID)
                .containsEntry("event_name", "push").containsEntry("event_id", eventId)
                .containsEntry("signature", "[redacted]").containsEntry("event", "push");
        assertThat((byte[]) row.get("body")).isEqualTo(push.body());

        scmEvents.awaitOne(correlatedTo(push.deliveryId()), Duration.ofSeconds(20));
        List<ReceivedEvent> records = scmEvents.collectFor(Duration.ZERO, correlatedTo(push.deliveryId()));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(REPOSITORY_ID);
            assertThat(record.envelope().eventType()).isEqualTo("push.received");
            assertThat(record.envelope().eventId()).hasToString(eventId);
            PushReceived event = record.as(PushReceived.class);
            assertThat(event.deliveryId()).isEqualTo(push.deliveryId());
            assertThat(event.repositoryId()).isEqualTo(REPOSITORY_ID);
            assertThat(event.cloneUrl()).isEqualTo(CLONE_URL);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.after()).isEqualTo(sha('a'));
            assertThat(event.headCommit().message()).isEqualTo("Add a feature");
        });
    }

    @Test
    void answersTheSameDeliveryAgainWith200AndTheOriginalAndPublishesNothingMore() {
        // Verifies that a redelivery is answered 200 with the first delivery's verdict and event, and adds no row or event.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        WebhookClient.Answer first = client.post(push);

        WebhookClient.Answer again = client.post(push);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("verdict").asString()).isEqualTo("duplicate");
        assertThat(again.json().path("originalVerdict").asString()).isEqualTo("accepted");
        assertThat(again.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(again.json().path("eventId").asString()).isEqualTo(first.json().path("eventId").asString());
        assertThat(count("select count(*) from deliveries where delivery_id = :id", push.deliveryId())).isEqualTo(1);
        assertThat(count("select count(*) from outbox where correlation_id = :id", push.deliveryId())).isEqualTo(1);
        awaitPublished(push.deliveryId());
        assertThat(scmEvents.collectFor(Duration.ofSeconds(1), correlatedTo(push.deliveryId()))).hasSize(1);
    }

    @Test
    void answers401ToABadSignatureStoresTheDeliveryAsRejectedAndCountsIt() {
        // Verifies that a delivery signed with another secret is refused, kept for audit, counted, and publishes nothing.
        double before = counter("rejected", "bad-signature");
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver("not the declared secret");

        WebhookClient.Answer answer = client.post(push);

        assertProblem(answer, 401, "bad-signature");
        assertThat(answer.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(verdictAndRejection(push.deliveryId())).isEqualTo(List.of("rejected", "bad-signature"));
        assertThat(count("select count(*) from outbox where correlation_id = :id", push.deliveryId())).isZero();
        assertThat(counter("rejected", "bad-signature")).isEqualTo(before + 1);
        assertThat(client.get("/actuator/prometheus"))
                .contains("slipway_ingestion_deliveries_total{outcome=\"rejected\",provider=\"github\",reason=\"bad-signature\"}");
    }

    @Test
    void answers401ToAnUnsignedDelivery() {
        // Verifies that a delivery without X-Hub-Signature-256 (a webhook set up without a secret) is refused.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(null);

        assertProblem(client.post(push), 401, "bad-signature");
    }

    @Test
    void answers400ToMalformedJson() {
        // Verifies that a signed body which is not JSON gets a malformed-json problem and is stored as rejected.
        byte[] broken = "{\"ref\": \"refs/heads/main\", ".getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery = GitHubWebhook.delivery("push", broken, SECRET);

        assertProblem(client.post(delivery), 400, "malformed-json");
        assertThat(verdictAndRejection(delivery.deliveryId())).isEqualTo(List.of("rejected", "malformed-json"));
    }

    @Test
    void acceptsAnUnhandledEventWith202AndRecordsItAsIgnored() {
        // Verifies that a signed event Slipway does not handle is answered 202, stored as ignored with why, and not published.
        byte[] body = ("{\"action\": \"opened\", \"repository\": {\"full_name\": \"" + REPOSITORY + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery = GitHubWebhook.delivery("issues", body, SECRET);

        WebhookClient.Answer answer = client.post(delivery);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("ignored");
        assertThat(answer.json().path("reason").asString()).isEqualTo("event issues is not handled");
        Map<String, Object> row = jdbc.sql("select verdict, reason, event_id from deliveries where delivery_id = :id")
                .param("id", delivery.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "ignored").containsEntry("reason", "event issues is not handled");
        assertThat(row.get("event_id")).isNull();
        assertThat(count("select count(*) from outbox where correlation_id = :id", delivery.deliveryId())).isZero();
    }

    @Test
    void answers413ToABodyOver25MegabytesWhateverItsFraming() {
        // Verifies that a 26 MB body is answered 413 with a problem detail, not a reset or a 500, with and without Content-Length.
        byte[] huge = new byte[OVER_THE_LIMIT];
        Arrays.fill(huge, (byte) ' ');
        WebhookDelivery delivery = GitHubWebhook.delivery("push", huge, SECRET);

        assertProblem(client.post(delivery), 413, "payload-too-large");
        assertProblem(client.postChunked(delivery), 413, "payload-too-large");
        assertThat(count("select count(*) from deliveries where delivery_id = :id", delivery.deliveryId())).isZero();
    }

    @Test
    void answers415ToAContentTypeThatIsNeitherJsonNorAForm() {
        // Verifies that a body sent as text/plain is refused with an unsupported-media-type problem.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET).withHeader("Content-Type", "text/plain");

        assertProblem(client.post(push), 415, "unsupported-media-type");
    }

    @Test
    void answers400WhenTheEventOrDeliveryHeaderIsMissing() {
        // Verifies that a request lacking X-GitHub-Event or X-GitHub-Delivery is refused and names the header.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET);

        WebhookClient.Answer noEvent = client.post(push.withoutHeader("X-GitHub-Event"));
        WebhookClient.Answer noDelivery = client.post(push.withoutHeader("X-GitHub-Delivery"));

        assertProblem(noEvent, 400, "missing-header");
        assertThat(noEvent.json().path("detail").asString()).contains("X-GitHub-Event");
        assertProblem(noDelivery, 400, "missing-header");
        assertThat(noDelivery.json().path("detail").asString()).contains("X-GitHub-Delivery");
    }

    @Test
    void answers404ToAnUndeclaredRepositoryAndKeepsTheDelivery() {
        // Verifies that a push for a repository nobody declared is refused with 404 and stored as rejected, for audit.
        WebhookDelivery push = GitHubWebhook.push("someone/else").deliver(SECRET);

        WebhookClient.Answer answer = client.post(push);

        assertProblem(answer, 404, "unknown-repository");
        assertThat(answer.json().path("detail").asString()).contains("someone/else");
        Map<String, Object> row = jdbc.sql(
                        "select verdict, rejection, repository_name, repository_id from deliveries where delivery_id = :id")
                .param("id", push.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "rejected").containsEntry("rejection", "unknown-repository")
                .containsEntry("repository_name", "someone/else");
        assertThat(row.get("repository_id")).isNull();
    }

    @Test
    void acceptsAFormEncodedPushSignedOverItsFormBody() {
        // Verifies GitHub's form content type: payload=<url-encoded JSON>, with the signature over the form bytes.
        WebhookDelivery json = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        byte[] form = ("payload=" + URLEncoder.encode(json.bodyAsString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        WebhookDelivery delivery = json.withBody(form)
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withHeader("X-Hub-Signature-256", GitHubWebhook.signature(SECRET, form));

        WebhookClient.Answer answer = client.post(delivery);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(count("select count(*) from outbox where correlation_id = :id", delivery.deliveryId())).isEqualTo(1);
    }

    @Test
    void answersAGetOnTheWebhookPathWithAProblemDetailToo() {
        // Verifies that Spring MVC's own refusals (here 405 for GET) are RFC 9457 problem details like ingestion's.
        WebhookClient.Answer answer = client.getAnswer("/hooks/github");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
    }

    private static void assertProblem(WebhookClient.Answer answer, int status, String slug) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith(PROBLEM_JSON);
        assertThat(answer.problemType()).isEqualTo(PROBLEMS + slug);
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    private List<String> verdictAndRejection(String deliveryId) {
        return jdbc.sql("select verdict, rejection from deliveries where delivery_id = :id")
                .param("id", deliveryId)
                .query((rs, n) -> List.of(rs.getString("verdict"), rs.getString("rejection")))
                .single();
    }

    /** Waits until the relay has published every outbox row of {@code deliveryId}. */
    private void awaitPublished(String deliveryId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from outbox where correlation_id = :id and published_at is null", deliveryId) > 0) {
            assertThat(System.nanoTime()).as("the outbox relay publishes within 20 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long count(String sql, String deliveryId) {
        return jdbc.sql(sql).param("id", deliveryId).query(Long.class).single();
    }

    private double counter(String outcome, String reason) {
        Counter counter = meters.find("slipway.ingestion.deliveries")
                .tags("provider", "github", "outcome", outcome, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String sha(char digit) {
        return String.valueOf(digit).repeat(40);
    }
}
