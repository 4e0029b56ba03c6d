package dev.slipway.ingestion.application.port.out;

/**
 * The delivery log cannot store a delivery now: the database cannot be reached, is shutting down or
 * starting, is out of connections, memory or disk, or did not answer in time. Nothing was stored;
 * the sender should deliver again later.
 */
public class DeliveryStoreUnavailableException extends RuntimeException {

    public DeliveryStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
