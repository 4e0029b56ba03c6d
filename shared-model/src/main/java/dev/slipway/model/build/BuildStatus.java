package dev.slipway.model.build;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The status of a build, as users see it. {@link #ERRORED} means the pipeline or the platform
 * failed, not the build's own commands.
 */
public enum BuildStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, ERRORED, CANCELLED, SKIPPED;

    /** The lower-case name used on the wire and in the API. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a build in this status will not change again. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** The status named {@code wireName}, case-insensitively. */
    public static BuildStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equalsIgnoreCase(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown build status '" + wireName
                        + "'; expected one of " + Arrays.stream(values()).map(BuildStatus::wireName).toList()));
    }
}
