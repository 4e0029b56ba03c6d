package dev.slipway.execution.application.port.in;

import dev.slipway.model.build.BuildRequested;
import java.util.Objects;
import java.util.UUID;

/**
 * A build to queue, as filtering requested it.
 *
 * @param request        what to build
 * @param correlationId  the request's correlation id, which the build's events carry on
 * @param requestEventId the request's event id, the cause of the build's events
 */
public record QueueBuildCommand(BuildRequested request, String correlationId, UUID requestEventId) {

    public QueueBuildCommand {
        Objects.requireNonNull(request, "request");
        if (correlationId == null || correlationId.isBlank()) {
            throw new IllegalArgumentException("a queued build needs the correlation id of its request");
        }
        Objects.requireNonNull(requestEventId, "requestEventId");
    }
}
