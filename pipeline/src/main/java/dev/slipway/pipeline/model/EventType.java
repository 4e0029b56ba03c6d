package dev.slipway.pipeline.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of event that can start a build. */
public enum EventType {
    /** Commits pushed to a branch. */
    PUSH("push"),
    /** A tag created (pushed). */
    TAG("tag"),
    /** A pull request opened or updated. */
    PULL_REQUEST("pull_request"),
    /** A build started by a person (`slipway trigger`, the UI). */
    MANUAL("manual");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    /** The name written in pipeline files and printed in decisions: {@code push}, {@code pull_request}. */
    public String label() {
        return label;
    }

    public static Optional<EventType> fromLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(EventType::label).toList();
    }
}
