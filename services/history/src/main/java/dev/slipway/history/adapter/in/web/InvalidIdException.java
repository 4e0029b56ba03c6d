package dev.slipway.history.adapter.in.web;

/**
 * The {@code id} path segment does not name a build or decision the way the API writes ids.
 * Answered with a 400 problem detail whose type names the kind of id ({@code invalid-build-id},
 * {@code invalid-decision-id}).
 */
class InvalidIdException extends InvalidParameterException {

    static final String BUILD = "build";
    static final String DECISION = "decision";

    private final String kind;

    InvalidIdException(String kind, String text) {
        super("id", "'" + text + "' is not a " + kind + " id",
                "a " + kind + " id is a UUID such as 0b7e4a2c-3f1d-4c8e-9a6b-5d2e1f0a9c8b");
        this.kind = kind;
    }

    /** {@value #BUILD} or {@value #DECISION}. */
    String kind() {
        return kind;
    }
}
