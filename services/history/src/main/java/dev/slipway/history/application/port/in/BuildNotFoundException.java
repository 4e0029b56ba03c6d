package dev.slipway.history.application.port.in;

import java.util.UUID;

/** The history has never heard of the build: no event about it has arrived (yet). */
public class BuildNotFoundException extends RuntimeException {

    private final UUID buildId;

    public BuildNotFoundException(UUID buildId) {
        super("no build with id " + buildId + " is known to the history");
        this.buildId = buildId;
    }

    public UUID buildId() {
        return buildId;
    }
}
