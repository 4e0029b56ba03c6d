package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.DeliveryOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a delivery that was accepted, ignored or recognised as a duplicate.
 *
 * @param deliveryId      the host's id of the delivery
 * @param verdict         {@code accepted}, {@code ignored} or {@code duplicate}
 * @param reason          why it was ignored, or why nothing happened for a duplicate; {@code null} when accepted
 * @param repositoryId    the repository's Slipway id
 * @param eventId         the id of the event it published (for a duplicate: that the first delivery published)
 * @param originalVerdict for a duplicate, what the first delivery got; otherwise {@code null}
 * @param receivedAt      when the delivery (for a duplicate: the first one) arrived
 */
record DeliveryResponse(String deliveryId, String verdict, String reason, String repositoryId, UUID eventId,
                        String originalVerdict, Instant receivedAt) {

    static DeliveryResponse of(DeliveryOutcome.Accepted accepted) {
        return new DeliveryResponse(accepted.deliveryId(), accepted.verdict().wireName(), null,
                accepted.repositoryId(), accepted.eventId(), null, accepted.receivedAt());
    }

    static DeliveryResponse of(DeliveryOutcome.Ignored ignored) {
        return new DeliveryResponse(ignored.deliveryId(), ignored.verdict().wireName(), ignored.reason(),
                ignored.repositoryId(), null, null, ignored.receivedAt());
    }

    static DeliveryResponse of(DeliveryOutcome.Duplicate duplicate) {
        String reason = "delivery " + duplicate.deliveryId() + " was received before, at "
                + duplicate.originalReceivedAt() + ", and " + duplicate.originalVerdict().wireName()
                + (duplicate.originalReason() == null ? "" : " (" + duplicate.originalReason() + ")")
                + "; nothing was stored or published again";
        return new DeliveryResponse(duplicate.deliveryId(), duplicate.verdict().wireName(), reason,
                duplicate.repositoryId(), duplicate.eventId(), duplicate.originalVerdict().wireName(),
                duplicate.originalReceivedAt());
    }
}
