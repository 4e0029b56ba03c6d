package dev.slipway.ingestion.domain;

/** How a webhook body carries its JSON; git hosts let the user choose. */
public enum BodyEncoding {

    /** {@code application/json}: the body is the JSON document. */
    JSON,
    /** {@code application/x-www-form-urlencoded}: the JSON is the URL-encoded {@code payload} field. */
    FORM
}
