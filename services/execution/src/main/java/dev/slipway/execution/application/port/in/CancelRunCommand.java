package dev.slipway.execution.application.port.in;

import java.util.Objects;
import java.util.UUID;

/**
 * A build to cancel, as {@code CancelBuild} asks.
 *
 * @param buildId the build
 * @param reason  why, in words, such as {@code superseded by build #8}
 */
public record CancelRunCommand(UUID buildId, String reason) {

    public CancelRunCommand {
        Objects.requireNonNull(buildId, "buildId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a cancel says why");
        }
    }
}
