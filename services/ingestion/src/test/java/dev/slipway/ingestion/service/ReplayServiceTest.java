package dev.slipway.ingestion.service;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /hooks/deliveries/{id}/replay} on the whole ingestion service, with an operator
 * token configured, against the shared real PostgreSQL and Kafka broker. Every test uses delivery
 * ids of its own, since the database and broker are shared.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IngestionApplication.NAME,
                "slipway.ingestion.operator-token=" + ReplayServiceTest.TOKEN,
                "slipway.ingestion.operator-token-label=release-team"})
class ReplayServiceTest {

    static final String TOKEN = "9d1c0a64b7e2f3a85c4e6d7f8091a2b3";
    private static final String PROBLEMS = "https://slipway.dev/problems/";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        DeclaredRepositoriesFile.registerService(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private WebhookClient client;

    @BeforeEach
    void connect() {
        client = new WebhookClient(port);
    }

    @Test
    void replaysAnAcceptedDeliveryAsASecondRecordWithANewEventIdAndTheSameDeliveryAndCorrelation() {
        // Verifies the replay end to end: 202 with the new event id, a second PushReceived on slipway.scm.events with
        // that id, the same delivery id, correlation id and key, and an audit row naming the token's label.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).branch("main").commit(sha('c'), "Ship it").deliver(SECRET);
        WebhookClient.Answer accepted;
        WebhookClient.Answer replay;
        List<ReceivedEvent> records;
        try (EventProbe scmEvents = openScmEvents()) {
            accepted = client.post(push);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            // The first record is published before the replay is asked for, so that the two arrive in this order.
            scmEvents.awaitOne(correlatedTo(push.deliveryId()), Duration.ofSeconds(20));

            replay = replay("github:" + push.deliveryId(), "Bearer " + TOKEN);

            records = scmEvents.await(correlatedTo(push.deliveryId()), 2, Duration.ofSeconds(20));
        }

        String originalEventId = accepted.json().path("eventId").asString();
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.json().path("delivery").asString()).isEqualTo("github:" + push.deliveryId());
        assertThat(replay.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(replay.json().path("repositoryId").asString()).isEqualTo(REPOSITORY_ID);
        assertThat(replay.json().path("originalEventId").asString()).isEqualTo(originalEventId);
        String newEventId = replay.json().path("eventId").asString();
        assertThat(newEventId).isNotBlank().isNotEqualTo(originalEventId);
        long replayId = replay.json().path("replayId").asLong();

        ReceivedEvent original = records.get(0);
        assertThat(original.envelope().eventId()).hasToString(originalEventId);
        ReceivedEvent again = records.get(1);
        assertThat(again.envelope().eventId()).hasToString(newEventId);
        assertThat(again.envelope().correlationId()).isEqualTo(original.envelope().correlationId())
                .isEqualTo(push.deliveryId());
        assertThat(again.envelope().causationId()).isEqualTo(original.envelope().causationId());
        assertThat(again.key()).isEqualTo(REPOSITORY_ID);
        assertThat(again.as(PushReceived.class)).isEqualTo(original.as(PushReceived.class));
        assertThat(again.as(PushReceived.class).deliveryId()).isEqualTo(push.deliveryId());

        Map<String, Object> audit = jdbc.sql("""
                        select r.operator, cast(r.original_event_id as text) as original_event_id,
                               cast(r.event_id as text) as event_id, d.delivery_id
                        from delivery_replays r join deliveries d on d.id = r.delivery where r.id = :id""")
                .param("id", replayId).query().singleRow();
        assertThat(audit).containsEntry("operator", "release-team").containsEntry("original_event_id", originalEventId)
                .containsEntry("event_id", newEventId).containsEntry("delivery_id", push.deliveryId());
    }

    @Test
    void answers401WithABearerChallengeToAReplayWithoutTheOperatorToken() {
        // Verifies that no Authorization header, or one of another scheme, is a 401 that names the Bearer scheme.
        WebhookClient.Answer bare = replay("github:" + acceptedDelivery(), null);
        WebhookClient.Answer basic = replay("github:" + acceptedDelivery(), "Basic b3BlcmF0b3I6c2VjcmV0");

        assertProblem(bare, 401, "operator-token-missing");
        assertThat(bare.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"slipway-operator\"");
        assertProblem(basic, 401, "operator-token-missing");
    }

    @Test
    void answers403ToAReplayWithAnotherToken() {
        // Verifies that a bearer token that is not the operator token is refused and nothing is replayed.
        String deliveryId = acceptedDelivery();

        assertProblem(replay("github:" + deliveryId, "Bearer " + TOKEN.replace('9', '8')), 403, "operator-token-invalid");
        assertThat(replaysOf(deliveryId)).isZero();
    }

    @Test
    void answers404ToAnUnknownDeliveryAndToADeliveryIdWithoutItsProvider() {
        // Verifies that an unknown delivery, a known id under another provider, and a bare id are all not found.
        String deliveryId = acceptedDelivery();

        assertProblem(replay("github:no-such-delivery", "Bearer " + TOKEN), 404, "delivery-not-found");
        assertProblem(replay("gitlab:" + deliveryId, "Bearer " + TOKEN), 404, "delivery-not-found");
        WebhookClient.Answer bare = replay(deliveryId, "Bearer " + TOKEN);
        assertProblem(bare, 404, "delivery-not-found");
        assertThat(bare.json().path("detail").asString()).contains("<provider>:<delivery id>");
        assertThat(replaysOf(deliveryId)).isZero();
    }

    @Test
    void answers409ToARejectedDeliveryAndToAnIgnoredOneSayingWhy() {
        // Verifies that deliveries without an event are refused with their verdict and reason, and nothing is replayed.
        WebhookDelivery badlySigned = GitHubWebhook.push(REPOSITORY).deliver("not the declared secret");
        assertThat(client.post(badlySigned).status()).isEqualTo(401);
        byte[] issue = ("{\"action\": \"opened\", \"repository\": {\"full_name\": \"" + REPOSITORY + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookDelivery ignored = GitHubWebhook.delivery("issues", issue, SECRET);
        assertThat(client.post(ignored).status()).isEqualTo(202);

        WebhookClient.Answer rejectedReplay = replay("github:" + badlySigned.deliveryId(), "Bearer " + TOKEN);
        WebhookClient.Answer ignoredReplay = replay("github:" + ignored.deliveryId(), "Bearer " + TOKEN);

        assertProblem(rejectedReplay, 409, "delivery-not-replayable");
        assertThat(rejectedReplay.json().path("detail").asString()).contains("rejected", "signature");
        assertProblem(ignoredReplay, 409, "delivery-not-replayable");
        assertThat(ignoredReplay.json().path("detail").asString()).contains("ignored", "event issues is not handled");
        // A replay appends its event and its delivery_replays row in one transaction: neither was made.
        assertThat(replaysOf(badlySigned.deliveryId())).isZero();
        assertThat(replaysOf(ignored.deliveryId())).isZero();
    }

    @Test
    void answers409ToAnAcceptedDeliveryStoredWithoutItsEventSayingWhy() {
        // Verifies the deliveries accepted before Slipway kept their events: the outbox no longer holds the event,
        // so the replay is refused with the reason and what to do, and nothing is replayed.
        String deliveryId = acceptedDelivery();
        jdbc.sql("update deliveries set event_type = null, event_version = null, event_payload = null "
                + "where delivery_id = :id").param("id", deliveryId).update();

        WebhookClient.Answer answer = replay("github:" + deliveryId, "Bearer " + TOKEN);

        assertProblem(answer, 409, "delivery-not-replayable");
        assertThat(answer.json().path("detail").asString())
                .contains("was accepted", "stored before", "deliver it again");
        assertThat(replaysOf(deliveryId)).isZero();
    }

    private EventProbe openScmEvents() {
        return EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.SCM_EVENTS);
    }

    private String acceptedDelivery() {
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        WebhookClient.Answer answer = client.post(push);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        return push.deliveryId();
    }

    private WebhookClient.Answer replay(String reference, String authorization) {
        return client.post("/hooks/deliveries/" + reference + "/replay",
                authorization == null ? Map.of() : Map.of("Authorization", authorization), new byte[0]);
    }

    private long replaysOf(String deliveryId) {
        return jdbc.sql("""
                        select count(*) from delivery_replays r join deliveries d on d.id = r.delivery
                        where d.delivery_id = :id""")
                .param("id", deliveryId).query(Long.class).single();
    }

    private static void assertProblem(WebhookClient.Answer answer, int status, String slug) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.problemType()).isEqualTo(PROBLEMS + slug);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    private static String sha(char digit) {
        return String.valueOf(digit).repeat(40);
    }
}
