package dev.slipway.ingestion.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored deliveries looked up for replaying, and the replays themselves with their audit trail.
 *
 * <p>Contract: {@link #replay} appends the delivery's stored event to the outbox under a new event
 * id, with the original correlation and causation ids, and records the replay, both in one
 * transaction; when it returns {@link Replaying.Replayed}, both are committed. Thread-safe.
 */
public interface DeliveryReplays {

    /**
     * The delivery {@code deliveryId} from {@code provider}: the accepted or ignored one, of which
     * there is at most one; failing that, the latest rejected one.
     *
     * @throws DeliveryStoreUnavailableException when the store cannot be reached
     */
    Optional<StoredDelivery> find(String provider, String deliveryId);

    /**
     * Appends the event that the accepted {@code delivery} published to the outbox again, and
     * records the replay.
     *
     * @param operator  who asked, as the operator token's label; {@code null} when it has none
     * @param requestedAt when the replay was asked for
     * @throws DeliveryStoreUnavailableException when the store cannot be reached or fails; nothing was stored
     */
    Replaying replay(StoredDelivery delivery, String operator, Instant requestedAt);

    /** What {@link #replay} did. */
    sealed interface Replaying {

        /** The event is in the outbox again as {@code eventId}; {@code replayId} is the audit record. */
        record Replayed(long replayId, UUID eventId, Instant replayedAt) implements Replaying {
            public Replayed {
                Objects.requireNonNull(eventId, "eventId");
                Objects.requireNonNull(replayedAt, "replayedAt");
            }
        }

        /** The delivery's event can no longer be read back, for the reason given; nothing was stored. */
        record EventUnavailable(String reason) implements Replaying {
            public EventUnavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
