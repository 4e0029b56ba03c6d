package dev.slipway.ingestion.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.application.port.in.ReplayOutcome;
import dev.slipway.ingestion.application.port.out.DeliveryReplays;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.OperatorToken;
import dev.slipway.ingestion.domain.ReplayRefusal;
import dev.slipway.ingestion.domain.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replay use case over in-memory ports: the order of checks, what is replayed, and what is counted. */
class ReplayDeliveryServiceTest {

    private static final String TOKEN = "0123456789abcdef-operator";
    private static final Instant NOW = Instant.parse("2026-02-01T09:30:00Z");
    private static final UUID FIRST_EVENT = UUID.fromString("6f1c1d7e-0000-4000-8000-000000000001");
    private static final UUID REPLAYED_EVENT = UUID.fromString("6f1c1d7e-0000-4000-8000-000000000002");

    private final InMemoryReplays replays = new InMemoryReplays();
    private final List<String> counted = new ArrayList<>();
    private final ReplayDeliveryService service = service(Optional.of(OperatorToken.of(TOKEN, "ops-team")));

    @Test
    void replaysAnAcceptedDeliveryUnderANewEventIdAndRecordsTheTokensLabel() {
        // Verifies the way through: the accepted delivery is replayed once, by the token's label, and counted.
        replays.stored.add(stored(7, "github", "d-1", Verdict.ACCEPTED, null, FIRST_EVENT));

        ReplayOutcome outcome = service.replay("github:d-1", TOKEN);

        assertThat(outcome).isEqualTo(new ReplayOutcome.Replayed(1, "github:d-1", "d-1", "github:acme/app",
                FIRST_EVENT, REPLAYED_EVENT, NOW));
        assertThat(replays.replayed).containsExactly("7 by ops-team at " + NOW);
        assertThat(counted).containsExactly("replay/replayed/none");
    }

    @Test
    void refusesEverythingWhileNoOperatorTokenIsConfiguredAndSaysHowToEnableIt() {
        // Verifies that without a configured token every request is refused as disabled, the store never asked.
        ReplayDeliveryService disabled = service(Optional.empty());

        assertThat(disabled.replay("github:d-1", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.REPLAY_DISABLED);
            assertThat(r.problem()).contains("SLIPWAY_OPERATOR_TOKEN", "Authorization: Bearer");
        });
        assertThat(refusal(disabled.replay("github:d-1", null))).isEqualTo(ReplayRefusal.REPLAY_DISABLED);
        assertThat(replays.lookups).isZero();
        assertThat(counted).containsExactly("replay/refused/replay-disabled", "replay/refused/replay-disabled");
    }

    @Test
    void refusesAMissingOrWrongTokenBeforeLookingTheDeliveryUp() {
        // Verifies that a caller without the token learns nothing about deliveries: the store is never asked.
        replays.stored.add(stored(7, "github", "d-1", Verdict.ACCEPTED, null, FIRST_EVENT));

        assertThat(refusal(service.replay("github:d-1", null))).isEqualTo(ReplayRefusal.OPERATOR_TOKEN_MISSING);
        assertThat(refusal(service.replay("github:d-1", " "))).isEqualTo(ReplayRefusal.OPERATOR_TOKEN_MISSING);
        assertThat(refusal(service.replay("github:d-1", TOKEN + "x"))).isEqualTo(ReplayRefusal.OPERATOR_TOKEN_INVALID);
        assertThat(refusal(service.replay("nonsense", "wrong"))).isEqualTo(ReplayRefusal.OPERATOR_TOKEN_INVALID);
        assertThat(replays.lookups).isZero();
        assertThat(replays.replayed).isEmpty();
    }

    @Test
    void answersNotFoundForAnUnknownDeliveryAndForAReferenceWithoutItsProvider() {
        // Verifies that an unstored delivery and a bare delivery id (ambiguous across hosts) are both not found.
        replays.stored.add(stored(7, "github", "d-1", Verdict.ACCEPTED, null, FIRST_EVENT));

        assertThat(service.replay("gitlab:d-1", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.DELIVERY_NOT_FOUND);
            assertThat(r.problem()).contains("d-1", "gitlab");
        });
        assertThat(service.replay("d-1", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.DELIVERY_NOT_FOUND);
            assertThat(r.problem()).contains("<provider>:<delivery id>");
        });
        assertThat(replays.replayed).isEmpty();
    }

    @Test
    void refusesToReplayARejectedOrIgnoredDeliveryAndSaysWhy() {
        // Verifies that deliveries without an event are not replayable, with their verdict and reason in the problem.
        replays.stored.add(stored(8, "github", "d-2", Verdict.REJECTED, "the signature does not match", null));
        replays.stored.add(stored(9, "gitea", "d-3", Verdict.IGNORED, "event issues is not handled", null));

        assertThat(service.replay("github:d-2", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.DELIVERY_NOT_REPLAYABLE);
            assertThat(r.problem()).contains("rejected", "the signature does not match", "deliver it again");
        });
        assertThat(service.replay("gitea:d-3", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.DELIVERY_NOT_REPLAYABLE);
            assertThat(r.problem()).contains("ignored", "event issues is not handled");
        });
        assertThat(replays.replayed).isEmpty();
        assertThat(counted).containsExactly("replay/refused/delivery-not-replayable",
                "replay/refused/delivery-not-replayable");
    }

    @Test
    void refusesAnAcceptedDeliveryWhoseEventCanNoLongerBeReadBack() {
        // Verifies that an accepted delivery whose outbox row is gone is not replayable, with the store's reason.
        replays.stored.add(stored(10, "gitlab", "d-4", Verdict.ACCEPTED, null, FIRST_EVENT));
        replays.eventGone = true;

        assertThat(service.replay("gitlab:d-4", TOKEN)).isInstanceOfSatisfying(ReplayOutcome.Refused.class, r -> {
            assertThat(r.refusal()).isEqualTo(ReplayRefusal.DELIVERY_NOT_REPLAYABLE);
            assertThat(r.problem()).contains("no longer in the outbox");
        });
    }

    private ReplayDeliveryService service(Optional<OperatorToken> token) {
        return new ReplayDeliveryService(token, replays, new RecordingDeliveryMetrics(counted),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ReplayRefusal refusal(ReplayOutcome outcome) {
        return ((ReplayOutcome.Refused) outcome).refusal();
    }

    private static StoredDelivery stored(long id, String provider, String deliveryId, Verdict verdict, String reason,
                                         UUID eventId) {
        return new StoredDelivery(id, provider, deliveryId, provider + ":acme/app", verdict, reason,
                NOW.minusSeconds(3600), eventId);
    }

    /** The replays port in memory: what was looked up and replayed. */
    private static final class InMemoryReplays implements DeliveryReplays {
        final List<StoredDelivery> stored = new ArrayList<>();
        final List<String> replayed = new ArrayList<>();
        int lookups;
        boolean eventGone;

        @Override
        public Optional<StoredDelivery> find(String provider, String deliveryId) {
            lookups++;
            return stored.stream().filter(d -> d.provider().equals(provider) && d.deliveryId().equals(deliveryId))
                    .findFirst();
        }

        @Override
        public Replaying replay(StoredDelivery delivery, String operator, Instant requestedAt) {
            if (eventGone) {
                return new Replaying.EventUnavailable("event " + delivery.eventId() + " is no longer in the outbox");
            }
            replayed.add(delivery.id() + " by " + operator + " at " + requestedAt);
            return new Replaying.Replayed(replayed.size(), REPLAYED_EVENT, requestedAt);
        }
    }
}
