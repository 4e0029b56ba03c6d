package dev.slipway.ingestion.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * How an operator names one stored delivery: {@code <provider>:<delivery id>}, such as
 * {@code github:72d3162e-cc78-11e3-81ab-4c9367dc0958}. The provider is needed because delivery
 * ids are only unique per git host; with it, the reference names at most one accepted or ignored
 * delivery. Both parts are what a webhook's answer already tells its sender: the endpoint's
 * provider, and {@code deliveryId}.
 *
 * @param provider   the git host, as in the webhook path: {@code github}, {@code gitea} or {@code gitlab}
 * @param deliveryId the host's id of the delivery
 */
public record DeliveryReference(String provider, String deliveryId) {

    /** What separates the provider from the delivery id. */
    public static final char SEPARATOR = ':';

    public DeliveryReference {
        if (provider == null || provider.isBlank() || provider.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a delivery reference needs a provider without '" + SEPARATOR + "'");
        }
        Objects.requireNonNull(deliveryId, "deliveryId");
        if (deliveryId.isBlank()) {
            throw new IllegalArgumentException("a delivery reference needs a delivery id");
        }
    }

    /**
     * The reference written as {@code text}, split at its first {@value #SEPARATOR} (a delivery id
     * may contain more); empty when {@code text} has no provider or no delivery id.
     */
    public static Optional<DeliveryReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int separator = text.indexOf(SEPARATOR);
        if (separator <= 0 || separator == text.length() - 1) {
            return Optional.empty();
        }
        String provider = text.substring(0, separator).strip();
        String deliveryId = text.substring(separator + 1).strip();
        if (provider.isEmpty() || deliveryId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryReference(provider, deliveryId));
    }

    /** The reference as operators write it: {@code <provider>:<delivery id>}. */
    @Override
    public String toString() {
        return provider + SEPARATOR + deliveryId;
    }
}
