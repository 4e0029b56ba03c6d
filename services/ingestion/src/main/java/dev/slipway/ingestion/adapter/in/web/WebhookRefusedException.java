package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.domain.Rejection;

/** A request refused before it became a delivery; answered with a problem detail, never a 500. */
final class WebhookRefusedException extends RuntimeException {

    private final String provider;
    private final Rejection rejection;

    WebhookRefusedException(String provider, Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.provider = provider;
        this.rejection = rejection;
    }

    String provider() {
        return provider;
    }

    Rejection rejection() {
        return rejection;
    }
}
