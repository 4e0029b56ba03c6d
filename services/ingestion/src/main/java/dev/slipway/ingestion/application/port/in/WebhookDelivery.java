package dev.slipway.ingestion.application.port.in;

import dev.slipway.ingestion.domain.BodyEncoding;
import dev.slipway.ingestion.domain.WebhookHeaders;
import java.util.Objects;

/**
 * One webhook request that passed the HTTP checks (media type, size, required headers).
 *
 * @param provider   the git host it came from, such as {@code github}
 * @param deliveryId the host's id of the delivery
 * @param eventName  the host's name of the event, such as {@code push}
 * @param headers    every request header
 * @param body       the raw body, exactly as received: signatures are computed over these bytes.
 *                   Not copied, so the caller must not change it afterwards.
 * @param encoding   how the body carries its JSON
 */
public record WebhookDelivery(String provider, String deliveryId, String eventName, WebhookHeaders headers,
                              byte[] body, BodyEncoding encoding) {

    /** The longest delivery id kept; hosts use UUIDs, so anything longer is not a real delivery. */
    public static final int MAX_DELIVERY_ID_LENGTH = 200;

    public WebhookDelivery {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("a delivery needs its provider");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > MAX_DELIVERY_ID_LENGTH) {
            throw new IllegalArgumentException("a delivery needs an id of 1 to " + MAX_DELIVERY_ID_LENGTH
                    + " characters");
        }
        if (eventName == null || eventName.isBlank()) {
            throw new IllegalArgumentException("a delivery needs its event name");
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(encoding, "encoding");
    }
}
