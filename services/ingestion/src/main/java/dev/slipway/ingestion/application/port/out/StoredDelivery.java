package dev.slipway.ingestion.application.port.out;

import dev.slipway.ingestion.domain.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A delivery as the log holds it.
 *
 * @param id           the log's own id of the row
 * @param provider     the git host
 * @param deliveryId   the host's id of the delivery
 * @param repositoryId the registered repository's id, or {@code null}
 * @param verdict      accepted, ignored or rejected
 * @param reason       why it was ignored or rejected, or {@code null}
 * @param receivedAt   when it arrived
 * @param eventId      the id of the event it published, or {@code null}
 */
public record StoredDelivery(long id, String provider, String deliveryId, String repositoryId, Verdict verdict,
                             String reason, Instant receivedAt, UUID eventId) {

    public StoredDelivery {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
