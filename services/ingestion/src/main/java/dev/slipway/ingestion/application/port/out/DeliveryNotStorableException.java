package dev.slipway.ingestion.application.port.out;

/**
 * The database refused to store this delivery: it holds a value the delivery log cannot store.
 * Nothing of it was stored, and storing it again would fail again, so the sender must not be told
 * to retry; it is a bug of Slipway's, since every delivery that gets this far should be storable.
 */
public class DeliveryNotStorableException extends RuntimeException {

    public DeliveryNotStorableException(String message, Throwable cause) {
        super(message, cause);
    }
}
