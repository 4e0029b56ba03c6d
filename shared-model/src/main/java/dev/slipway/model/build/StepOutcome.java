package dev.slipway.model.build;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a step ended. A non-zero exit and an out-of-memory kill are outcomes of the step, not
 * faults of the platform; {@link #ERRORED} is reserved for the platform failing to run it.
 */
public enum StepOutcome {
    SUCCEEDED, FAILED, OOM_KILLED, TIMED_OUT, CANCELLED, ERRORED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
