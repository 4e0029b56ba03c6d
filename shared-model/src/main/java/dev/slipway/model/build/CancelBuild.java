package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.UUID;

/**
 * Stop build {@code buildId}, queued or running, for {@code reason}. Filtering sends it when a newer
 * push to the same branch builds and the pipeline says {@code on.push.cancel_previous: true}; the
 * reason then reads "superseded by build #n".
 *
 * @param buildId        the build to cancel
 * @param repositoryId   its repository
 * @param reason         why, in words
 * @param supersededBy   the build that replaces it, or {@code null} when it is not cancelled for a newer one
 */
public record CancelBuild(UUID buildId, String repositoryId, String reason, UUID supersededBy) implements BuildCommand {

    public CancelBuild {
        Fields.required(buildId, "buildId");
        Fields.text(repositoryId, "repositoryId");
        Fields.text(reason, "reason");
    }
}
