package dev.slipway.ingestion.domain;

/**
 * Why a replay of a stored delivery was refused. Each reason has a slug that names it in
 * problem-detail types ({@code https://slipway.dev/problems/<slug>}) and in metrics.
 */
public enum ReplayRefusal {

    /** No operator token is configured, so nobody may replay. */
    REPLAY_DISABLED("replay-disabled"),
    /** The request carries no operator token. */
    OPERATOR_TOKEN_MISSING("operator-token-missing"),
    /** The request carries a token that is not the operator token. */
    OPERATOR_TOKEN_INVALID("operator-token-invalid"),
    /** No stored delivery has the reference, or the reference is not one. */
    DELIVERY_NOT_FOUND("delivery-not-found"),
    /** The delivery was rejected or ignored, so it has no event to publish again. */
    DELIVERY_NOT_REPLAYABLE("delivery-not-replayable");

    private final String slug;

    ReplayRefusal(String slug) {
        this.slug = slug;
    }

    /** The short, stable, lower-case name of the reason. */
    public String slug() {
        return slug;
    }
}
