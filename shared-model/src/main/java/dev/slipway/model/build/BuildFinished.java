package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.time.Instant;
import java.util.UUID;

/**
 * The build ended.
 *
 * @param status     its final status
 * @param reason     why, in words: the step that failed, the platform fault, or empty on success
 * @param finishedAt when it ended
 */
public record BuildFinished(UUID buildId, BuildStatus status, String reason, Instant finishedAt) implements BuildEvent {

    public BuildFinished {
        Fields.required(buildId, "buildId");
        Fields.required(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a finished build cannot be " + status.wireName());
        }
        Fields.required(finishedAt, "finishedAt");
        reason = reason == null ? "" : reason;
    }
}
