package dev.slipway.ingestion.application.port.in;

/** Publishing a stored delivery's event again, for operators. Implementations are thread-safe. */
public interface ReplayDelivery {

    /**
     * Appends the event of the delivery that {@code reference} names to the outbox again, with a
     * new event id, and records who asked, both in one transaction; when this returns
     * {@link ReplayOutcome.Replayed}, both are committed. Every other outcome changed nothing.
     *
     * @param reference      the delivery as {@code <provider>:<delivery id>}, as the caller wrote it
     * @param presentedToken the operator token the caller presented, or {@code null} when it presented none
     * @throws dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException when the
     *         delivery log cannot be read or written; nothing was replayed
     */
    ReplayOutcome replay(String reference, String presentedToken);
}
