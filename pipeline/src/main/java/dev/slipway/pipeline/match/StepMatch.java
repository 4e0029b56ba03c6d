package dev.slipway.pipeline.match;

import dev.slipway.pipeline.source.Location;
import java.util.Objects;

/**
 * Whether one step matched an event.
 *
 * @param name     the step's name
 * @param group    the name of the group it sits in, or empty at the top level
 * @param kind     run, push, release, parallel or serial
 * @param matched  whether it will run (subject to {@code when.status} while the build runs)
 * @param reason   why not, such as "requires branch `master`"; empty when it matched
 * @param location where the step is written
 */
public record StepMatch(String name, String group, String kind, boolean matched, String reason, Location location) {
    public StepMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
    }
}
