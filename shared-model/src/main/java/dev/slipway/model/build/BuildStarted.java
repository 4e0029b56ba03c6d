package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.time.Instant;
import java.util.UUID;

/**
 * An executor took the build and started it.
 *
 * @param executor  the id of the executor that holds the build's lease
 * @param startedAt when the build started
 */
public record BuildStarted(UUID buildId, String repositoryId, long buildNumber, String executor, Instant startedAt)
        implements BuildEvent {

    public BuildStarted {
        Fields.required(buildId, "buildId");
        Fields.text(repositoryId, "repositoryId");
        Fields.text(executor, "executor");
        Fields.required(startedAt, "startedAt");
    }
}
