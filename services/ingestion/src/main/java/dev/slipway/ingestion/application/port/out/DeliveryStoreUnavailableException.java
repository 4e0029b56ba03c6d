package dev.slipway.ingestion.application.port.out;

/**
 * The delivery log could not store a delivery, most likely because the database cannot be
 * reached. Nothing was stored; the sender should deliver again later.
 */
public class DeliveryStoreUnavailableException extends RuntimeException {

    public DeliveryStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
