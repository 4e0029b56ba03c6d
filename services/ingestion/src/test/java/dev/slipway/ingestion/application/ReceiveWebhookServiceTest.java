package dev.slipway.ingestion.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryMetrics;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.application.port.out.RepositoryRegistry;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.application.port.out.WebhookSecrets;
import dev.slipway.ingestion.domain.BodyEncoding;
import dev.slipway.ingestion.domain.GitHubWebhooks;
import dev.slipway.ingestion.domain.HmacSha256;
import dev.slipway.ingestion.domain.RegisteredRepository;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.ingestion.domain.WebhookHeaders;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.model.scm.PushReceived;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The use case over in-memory ports: the order of checks, what is stored, and what is counted. */
class ReceiveWebhookServiceTest {

    private static final String SECRET = "s3cret";
    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private static final RegisteredRepository ACME_APP =
            new RegisteredRepository("github:acme/app", "github", "acme/app", "file:///srv/git/app.git");

    private final InMemoryDeliveryLog log = new InMemoryDeliveryLog();
    private final List<String> counted = new ArrayList<>();
    private final DeliveryMetrics metrics = new RecordingDeliveryMetrics(counted);
    private final RepositoryRegistry repositories = (provider, name) ->
            provider.equals("github") && name.equalsIgnoreCase("acme/app") ? Optional.of(ACME_APP) : Optional.empty();
    private final WebhookSecrets secrets = id -> id.equals(ACME_APP.id())
            ? Optional.of(WebhookSecret.of(SECRET)) : Optional.empty();
    private final ReceiveWebhookService service = new ReceiveWebhookService(List.of(new GitHubWebhooks()),
            repositories, secrets, log, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsASignedPushAndStoresItWithItsEvent() {
        // Verifies that a correctly signed push is stored as accepted, with the PushReceived to publish.
        DeliveryOutcome outcome = service.receive(delivery("push", "d-1", PUSH, SECRET));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Accepted.class);
        assertThat(log.rows).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(row.repositoryId()).isEqualTo("github:acme/app");
            assertThat(row.receivedAt()).isEqualTo(NOW);
            assertThat(row.event()).isInstanceOfSatisfying(PushReceived.class, push -> {
                assertThat(push.deliveryId()).isEqualTo("d-1");
                assertThat(push.cloneUrl()).isEqualTo("file:///srv/git/app.git");
            });
            assertThat(row.headers()).containsEntry("x-hub-signature-256", WebhookHeaders.REDACTED);
        });
        assertThat(counted).containsExactly("github/accepted/none");
    }

    @Test
    void answersARepeatedDeliveryIdAsADuplicateOfTheFirstAndStoresNothing() {
        // Verifies that a redelivery finds the first delivery, changes nothing and is counted as a duplicate.
        DeliveryOutcome first = service.receive(delivery("push", "d-2", PUSH, SECRET));
        DeliveryOutcome again = service.receive(delivery("push", "d-2", PUSH, SECRET));

        assertThat(again).isInstanceOfSatisfying(DeliveryOutcome.Duplicate.class, duplicate -> {
            assertThat(duplicate.originalVerdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(duplicate.eventId()).isEqualTo(((DeliveryOutcome.Accepted) first).eventId());
        });
        assertThat(log.rows).hasSize(1);
        assertThat(counted).containsExactly("github/accepted/none", "github/duplicate/none");
    }

    @Test
    void rejectsAWrongOrMissingSignatureAndStoresTheDeliveryAsRejected() {
        // Verifies that a delivery signed with another secret, or not at all, is stored as rejected and publishes nothing.
        DeliveryOutcome wrong = service.receive(delivery("push", "d-3", PUSH, "not-the-secret"));
        DeliveryOutcome unsigned = service.receive(delivery("push", "d-4", PUSH, null));

        assertThat(wrong).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, r -> {
            assertThat(r.rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
            assertThat(r.problem()).contains("does not match");
        });
        assertThat(unsigned).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, r -> {
            assertThat(r.rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
            assertThat(r.problem()).contains("no signature");
        });
        assertThat(log.rows).extracting(NewDelivery::verdict).containsExactly(Verdict.REJECTED, Verdict.REJECTED);
        assertThat(log.rows).allSatisfy(row -> assertThat(row.event()).isNull());
        assertThat(counted).containsExactly("github/rejected/bad-signature", "github/rejected/bad-signature");
    }

    @Test
    void acceptsTheCorrectlySignedRedeliveryOfAnIdThatFailedItsSignatureCheck() {
        // Verifies that a rejected delivery does not take its id: fixing the secret and redelivering still builds.
        service.receive(delivery("push", "d-5", PUSH, "old-secret"));

        assertThat(service.receive(delivery("push", "d-5", PUSH, SECRET))).isInstanceOf(DeliveryOutcome.Accepted.class);
        assertThat(log.rows).extracting(NewDelivery::verdict).containsExactly(Verdict.REJECTED, Verdict.ACCEPTED);
    }

    @Test
    void rejectsAnUndeclaredRepositoryAndKeepsTheNameItClaimed() {
        // Verifies that a delivery for an undeclared repository is stored as rejected with the name from its body.
        String body = PUSH.replace("acme/app", "other/repo");

        DeliveryOutcome outcome = service.receive(delivery("push", "d-6", body, SECRET));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, r -> {
            assertThat(r.rejection()).isEqualTo(Rejection.UNKNOWN_REPOSITORY);
            assertThat(r.problem()).contains("other/repo").contains("SLIPWAY_REPOSITORIES");
        });
        assertThat(log.rows).singleElement().satisfies(row -> {
            assertThat(row.repositoryName()).isEqualTo("other/repo");
            assertThat(row.repositoryId()).isNull();
            assertThat(row.rejection()).isEqualTo(Rejection.UNKNOWN_REPOSITORY);
        });
    }

    @Test
    void rejectsMalformedJsonBeforeLookingForARepository() {
        // Verifies that a body that is not JSON is stored as rejected for malformed JSON.
        DeliveryOutcome outcome = service.receive(delivery("push", "d-7", "{\"ref\": ", SECRET));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                r -> assertThat(r.rejection()).isEqualTo(Rejection.MALFORMED_JSON));
        assertThat(log.rows).singleElement().satisfies(row -> assertThat(row.rejection()).isEqualTo(Rejection.MALFORMED_JSON));
    }

    @Test
    void readsTheSignatureCheckBeforeTheEventSoAnUnsignedMalformedPushIsABadSignature() {
        // Verifies the order of checks: nothing in a body is interpreted before its signature is verified.
        String noRef = "{\"repository\": {\"full_name\": \"acme/app\"}}";

        DeliveryOutcome outcome = service.receive(delivery("push", "d-8", noRef, "wrong"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                r -> assertThat(r.rejection()).isEqualTo(Rejection.BAD_SIGNATURE));
        assertThat(service.receive(delivery("push", "d-9", noRef, SECRET)))
                .isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                        r -> assertThat(r.rejection()).isEqualTo(Rejection.MALFORMED_PAYLOAD));
    }

    @Test
    void storesAnUnhandledEventAsIgnoredWithItsReasonAndPublishesNothing() {
        // Verifies that a signed event Slipway does not handle is stored as ignored, with the reason, and no event.
        String issue = "{\"action\": \"opened\", \"repository\": {\"full_name\": \"acme/app\"}}";

        DeliveryOutcome outcome = service.receive(delivery("issues", "d-10", issue, SECRET));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Ignored("d-10", "github:acme/app", "event issues is not handled", NOW));
        assertThat(log.rows).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo(Verdict.IGNORED);
            assertThat(row.reason()).isEqualTo("event issues is not handled");
            assertThat(row.event()).isNull();
        });
        assertThat(counted).containsExactly("github/ignored/none");
    }

    @Test
    void countsRequestsRefusedBeforeTheyBecameDeliveries() {
        // Verifies that a refusal at the HTTP level is counted as rejected with its reason, and nothing is stored.
        service.refused("github", Rejection.PAYLOAD_TOO_LARGE);

        assertThat(counted).containsExactly("github/rejected/payload-too-large");
        assertThat(log.rows).isEmpty();
    }

    @Test
    void countsEveryRequestThatArrivesBeforeAnythingIsChecked() {
        // Verifies that arrived() counts a received request per provider and stores nothing.
        service.arrived("github");
        service.arrived("gitlab");

        assertThat(counted).containsExactly("github/received", "gitlab/received");
        assertThat(log.rows).isEmpty();
    }

    @Test
    void countsADeliveryThatCouldNotBeStoredAsUnavailableAndPassesTheFailureOn() {
        // Verifies that a delivery log failure reaches the caller (for its 503) and is counted as unavailable.
        DeliveryLog down = delivery -> {
            throw new DeliveryStoreUnavailableException("connection refused", null);
        };
        ReceiveWebhookService withoutDatabase = new ReceiveWebhookService(List.of(new GitHubWebhooks()), repositories,
                secrets, down, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> withoutDatabase.receive(delivery("push", "d-11", PUSH, SECRET)))
                .isInstanceOf(DeliveryStoreUnavailableException.class);
        assertThat(counted).containsExactly("github/unavailable/database-unavailable");
    }

    private static final String PUSH = """
            {"ref": "refs/heads/main", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
             "after": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "created": false, "deleted": false,
             "commits": [{"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "message": "Update README", "author": {"name": "Ada"}}],
             "head_commit": {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "message": "Update README", "author": {"name": "Ada"}},
             "repository": {"full_name": "acme/app", "clone_url": "https://github.com/acme/app.git"},
             "sender": {"login": "ada"}}""";

    private static WebhookDelivery delivery(String event, String deliveryId, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", List.of(event));
        headers.put("X-GitHub-Delivery", List.of(deliveryId));
        if (secret != null) {
            headers.put("X-Hub-Signature-256", List.of("sha256=" + HmacSha256.sign(WebhookSecret.of(secret), bytes)));
        }
        return new WebhookDelivery("github", deliveryId, event, WebhookHeaders.of(headers), bytes, BodyEncoding.JSON);
    }

    /** The delivery log's contract, in memory: accepted or ignored ids are kept once, rejected ones never count. */
    private static final class InMemoryDeliveryLog implements DeliveryLog {
        final List<NewDelivery> rows = new ArrayList<>();
        private final List<StoredDelivery> stored = new ArrayList<>();

        @Override
        public synchronized Recording record(NewDelivery delivery) {
            if (delivery.verdict() != Verdict.REJECTED) {
                Optional<StoredDelivery> original = stored.stream()
                        .filter(s -> s.provider().equals(delivery.provider()) && s.deliveryId().equals(delivery.deliveryId())
                                && s.verdict() != Verdict.REJECTED)
                        .findFirst();
                if (original.isPresent()) {
                    return new Recording.AlreadyRecorded(original.get());
                }
            }
            rows.add(delivery);
            StoredDelivery row = new StoredDelivery(rows.size(), delivery.provider(), delivery.deliveryId(),
                    delivery.repositoryId(), delivery.verdict(), delivery.reason(), delivery.receivedAt(),
                    delivery.event() == null ? null : UUID.randomUUID());
            stored.add(row);
            return new Recording.Recorded(row);
        }
    }
}
