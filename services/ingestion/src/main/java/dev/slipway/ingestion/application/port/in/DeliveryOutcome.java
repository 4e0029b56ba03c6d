package dev.slipway.ingestion.application.port.in;

import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What became of one delivery. Every outcome but a duplicate was stored before it is returned. */
public sealed interface DeliveryOutcome {

    /** The host's id of the delivery. */
    String deliveryId();

    /** The verdict as answered. */
    Verdict verdict();

    /**
     * The delivery is stored and its event will be published.
     *
     * @param eventId the id of the event in the outbox
     */
    record Accepted(String deliveryId, String repositoryId, UUID eventId, Instant receivedAt)
            implements DeliveryOutcome {
        public Accepted {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(repositoryId, "repositoryId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }

        @Override
        public Verdict verdict() {
            return Verdict.ACCEPTED;
        }
    }

    /** The delivery is stored, and needs nothing from Slipway; {@code reason} says why. */
    record Ignored(String deliveryId, String repositoryId, String reason, Instant receivedAt)
            implements DeliveryOutcome {
        public Ignored {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(repositoryId, "repositoryId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }

        @Override
        public Verdict verdict() {
            return Verdict.IGNORED;
        }
    }

    /**
     * The delivery id was accepted or ignored before; nothing was stored or published again.
     *
     * @param originalVerdict    what the first delivery got
     * @param originalReason     why, when it was ignored; otherwise {@code null}
     * @param originalReceivedAt when the first delivery arrived
     * @param eventId            the event the first delivery published, or {@code null}
     */
    record Duplicate(String deliveryId, String repositoryId, Verdict originalVerdict, String originalReason,
                     Instant originalReceivedAt, UUID eventId) implements DeliveryOutcome {
        public Duplicate {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(originalVerdict, "originalVerdict");
            Objects.requireNonNull(originalReceivedAt, "originalReceivedAt");
        }

        @Override
        public Verdict verdict() {
            return Verdict.DUPLICATE;
        }
    }

    /**
     * The delivery is stored as rejected, for audit, and nothing is published.
     *
     * @param repositoryId the repository's id when it was found, otherwise {@code null}
     * @param problem      what was wrong and what to do, in words for the sender
     */
    record Rejected(String deliveryId, String repositoryId, Rejection rejection, String problem)
            implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public Verdict verdict() {
            return Verdict.REJECTED;
        }
    }
}
