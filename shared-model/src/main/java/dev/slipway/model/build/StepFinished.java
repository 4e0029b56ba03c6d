package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.time.Instant;
import java.util.UUID;

/**
 * A step of the build ended.
 *
 * @param outcome    how it ended
 * @param exitCode   the exit code of its process, or {@code null} where there was none
 * @param message    why it ended so, in words (empty when it succeeded)
 * @param finishedAt when it ended
 */
public record StepFinished(UUID buildId, int stepIndex, String stepName, StepOutcome outcome, Integer exitCode,
                           String message, Instant finishedAt) implements BuildEvent {

    public StepFinished {
        Fields.required(buildId, "buildId");
        Fields.text(stepName, "stepName");
        Fields.required(outcome, "outcome");
        Fields.required(finishedAt, "finishedAt");
        message = message == null ? "" : message;
    }
}
