package dev.slipway.ingestion.application.port.in;

import dev.slipway.ingestion.domain.ReplayRefusal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What became of a request to replay a delivery. */
public sealed interface ReplayOutcome {

    /**
     * The delivery's event is in the outbox again, under a new event id, and will be published.
     *
     * @param replayId        the audit record's id
     * @param delivery        the delivery, as {@code <provider>:<delivery id>}
     * @param deliveryId      the host's id of the delivery
     * @param repositoryId    the repository's Slipway id
     * @param originalEventId the id the event was first published under
     * @param eventId         the id it is published under now
     * @param replayedAt      when the replay was recorded
     */
    record Replayed(long replayId, String delivery, String deliveryId, String repositoryId, UUID originalEventId,
                    UUID eventId, Instant replayedAt) implements ReplayOutcome {
        public Replayed {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(repositoryId, "repositoryId");
            Objects.requireNonNull(originalEventId, "originalEventId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(replayedAt, "replayedAt");
        }
    }

    /**
     * Nothing was replayed.
     *
     * @param refusal why
     * @param problem what was wrong and what to do, in words for the operator
     */
    record Refused(ReplayRefusal refusal, String problem) implements ReplayOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
