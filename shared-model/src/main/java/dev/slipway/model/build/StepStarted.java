package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.time.Instant;
import java.util.UUID;

/**
 * A step of the build started.
 *
 * @param stepIndex the step's position in the plan, from 0
 * @param stepName  the step's name
 */
public record StepStarted(UUID buildId, int stepIndex, String stepName, Instant startedAt) implements BuildEvent {

    public StepStarted {
        Fields.required(buildId, "buildId");
        Fields.text(stepName, "stepName");
        Fields.required(startedAt, "startedAt");
    }
}
