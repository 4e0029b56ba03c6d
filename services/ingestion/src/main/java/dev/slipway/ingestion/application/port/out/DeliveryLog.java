package dev.slipway.ingestion.application.port.out;

/**
 * The durable record of every delivery, and the only way an event leaves ingestion.
 *
 * <p>Contract: {@link #record} stores the delivery and, for an accepted one, appends its event to
 * the outbox, both in one transaction; when it returns, both are committed. At most one accepted
 * or ignored delivery is kept per (provider, delivery id), even under concurrent calls; the
 * second is answered with {@link Recording.AlreadyRecorded} and changes nothing. Rejected
 * deliveries never count as the first: a delivery that failed its signature check does not stop
 * the correctly signed redelivery of the same id.
 *
 * <p>{@link #record} may be called from many threads at once; it may store concurrent deliveries
 * together, in one transaction. The events of deliveries recorded one after the other are
 * published in that order; a delivery the database refuses does not keep the others from being
 * stored.
 */
public interface DeliveryLog {

    /**
     * Stores {@code delivery} and its event, if any.
     *
     * @throws DeliveryStoreUnavailableException when the store cannot take the delivery now (it cannot
     *         be reached, is shutting down, is out of resources, or did not answer in time); nothing
     *         was stored, and the sender should deliver it again later
     * @throws DeliveryNotStorableException when the store refused this delivery itself; nothing was
     *         stored, and delivering it again would not help
     */
    Recording record(NewDelivery delivery);

    /** What {@link #record} did. */
    sealed interface Recording {

        /** The delivery was stored as {@code stored}. */
        record Recorded(StoredDelivery stored) implements Recording {
        }

        /** An accepted or ignored delivery with the same id was stored before, as {@code original}. */
        record AlreadyRecorded(StoredDelivery original) implements Recording {
        }
    }
}
