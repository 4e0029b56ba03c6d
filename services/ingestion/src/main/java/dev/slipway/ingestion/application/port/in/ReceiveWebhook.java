package dev.slipway.ingestion.application.port.in;

import dev.slipway.ingestion.domain.Rejection;

/** Receiving webhook deliveries from git hosts. Implementations are thread-safe. */
public interface ReceiveWebhook {

    /**
     * Notes that a request reached {@code provider}'s webhook endpoint, before anything about it
     * is checked, so that every request is counted, whatever becomes of it.
     */
    void arrived(String provider);

    /**
     * Verifies, interprets and stores {@code delivery}. When this returns, the delivery and the
     * event it carries (if any) are committed together; a delivery id that was accepted or ignored
     * before is answered as a {@link DeliveryOutcome.Duplicate} and changes nothing.
     *
     * @throws dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException when the
     *         delivery could not be stored; the sender should retry later
     */
    DeliveryOutcome receive(WebhookDelivery delivery);

    /**
     * Notes a request that was refused before it became a delivery (too large, wrong media type,
     * headers missing), so that it is counted with the others. Nothing is stored.
     */
    void refused(String provider, Rejection rejection);
}
