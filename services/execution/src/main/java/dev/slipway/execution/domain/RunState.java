package dev.slipway.execution.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a run is in the executor's hands. A run is {@link #QUEUED} until an executor claims it,
 * {@link #RUNNING} while that executor holds it, and {@link #FINISHED} once its final status is
 * known and announced.
 */
public enum RunState {
    QUEUED, RUNNING, FINISHED;

    /** The lower-case name stored in the {@code runs} table. */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code value}. */
    public static RunState fromColumnValue(String value) {
        return Arrays.stream(values())
                .filter(s -> s.columnValue().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run state '" + value + "'"));
    }
}
