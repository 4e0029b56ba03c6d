package dev.slipway.pipeline.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The state of the build so far, for {@code when.status}: a step with {@code status: [failure]}
 * runs only once an earlier step failed. This is decided while the build runs, not when matching.
 */
public enum StepStatus {
    SUCCESS("success"), FAILURE("failure");

    private final String label;

    StepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<StepStatus> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
