package dev.slipway.ingestion.domain;

/** The result of checking a delivery's signature against its repository's secret. */
public enum SignatureCheck {

    /** The signature matches the body and the secret. */
    VALID("the signature matches"),
    /** The delivery carries no signature: the webhook was set up without a secret. */
    MISSING("the delivery carries no signature; give the webhook the secret declared for the repository"),
    /** The signature header is not in the provider's format. */
    MALFORMED("the signature header is not in the expected format"),
    /** The signature does not match: the secret differs, or the body was changed on the way. */
    MISMATCH("the signature does not match the body signed with the repository's webhook secret; "
            + "check that the webhook's secret equals the one declared for the repository");

    private final String explanation;

    SignatureCheck(String explanation) {
        this.explanation = explanation;
    }

    /** What the result means, in words a sender can act on. */
    public String explanation() {
        return explanation;
    }
}
