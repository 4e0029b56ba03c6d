package dev.slipway.execution.domain;

import dev.slipway.model.build.BuildStatus;
import java.util.Objects;

/**
 * How a build ended, and why, in the words {@code BuildFinished} carries.
 *
 * @param status one of succeeded, failed, errored and cancelled
 * @param reason why, empty when it succeeded
 */
public record BuildVerdict(BuildStatus status, String reason) {

    public BuildVerdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!status.isFinal() || status == BuildStatus.SKIPPED) {
            throw new IllegalArgumentException("a build that ran ends succeeded, failed, errored or cancelled, not "
                    + status.wireName());
        }
    }

    public static BuildVerdict succeeded() {
        return new BuildVerdict(BuildStatus.SUCCEEDED, "");
    }

    public static BuildVerdict failed(String reason) {
        return new BuildVerdict(BuildStatus.FAILED, reason);
    }

    public static BuildVerdict errored(String reason) {
        return new BuildVerdict(BuildStatus.ERRORED, reason);
    }

    public static BuildVerdict cancelled(String reason) {
        return new BuildVerdict(BuildStatus.CANCELLED, reason);
    }
}
