package dev.slipway.ingestion.domain;

/** The limits that every webhook request is held to, whatever its provider. */
public final class WebhookLimits {

    /** The largest body accepted, 25 MB: GitHub caps its payloads there and drops larger ones. */
    public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

    private WebhookLimits() {
    }
}
