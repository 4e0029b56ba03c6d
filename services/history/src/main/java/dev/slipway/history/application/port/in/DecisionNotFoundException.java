package dev.slipway.history.application.port.in;

import java.util.UUID;

/** The history has recorded no decision with this id (yet). */
public class DecisionNotFoundException extends RuntimeException {

    private final UUID decisionId;

    public DecisionNotFoundException(UUID decisionId) {
        super("no decision with id " + decisionId + " is known to the history");
        this.decisionId = decisionId;
    }

    public UUID decisionId() {
        return decisionId;
    }
}
