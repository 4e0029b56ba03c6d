package dev.slipway.ingestion.domain;

/**
 * Why a request was refused. Each reason has a slug that names it in problem-detail types
 * ({@code https://slipway.dev/problems/<slug>}), in metrics and in the {@code deliveries} table.
 */
public enum Rejection {

    /** The Content-Type is neither JSON nor a form with a {@code payload} field. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** The body is larger than {@link WebhookLimits#MAX_BODY_BYTES}. */
    PAYLOAD_TOO_LARGE("payload-too-large"),
    /** The body could not be read to its end, as when the sender stopped sending. */
    UNREADABLE_BODY("unreadable-body"),
    /** A header that every delivery of the provider carries is absent or unusable. */
    MISSING_HEADER("missing-header"),
    /** The body is not JSON. */
    MALFORMED_JSON("malformed-json"),
    /** The body is JSON, but not the shape the provider sends for the event. */
    MALFORMED_PAYLOAD("malformed-payload"),
    /** The body names a repository that is not declared, or none at all. */
    UNKNOWN_REPOSITORY("unknown-repository"),
    /** The signature is absent or does not match the repository's webhook secret. */
    BAD_SIGNATURE("bad-signature");

    private final String slug;

    Rejection(String slug) {
        this.slug = slug;
    }

    /** The short, stable, lower-case name of the reason. */
    public String slug() {
        return slug;
    }
}
