package dev.slipway.history.domain;

import dev.slipway.model.build.StepOutcome;
import java.util.Locale;

/** Where a step stands: running, or how it ended (the outcomes of {@link StepOutcome}). */
public enum StepStatus {
    RUNNING, SUCCEEDED, FAILED, OOM_KILLED, TIMED_OUT, CANCELLED, ERRORED;

    /** The lower-case name used in the database and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a step that ended with {@code outcome}. */
    public static StepStatus of(StepOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case OOM_KILLED -> OOM_KILLED;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case ERRORED -> ERRORED;
        };
    }

    /** The status stored as {@code wireName}. */
    public static StepStatus fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
