package dev.slipway.history.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A build with everything the history has about it.
 *
 * @param decision why it was requested; empty until the {@code BuildRequested} has arrived
 * @param steps    its steps, in plan order
 * @param images   the images it built, each with its pushes, and those it pushed whose building
 *                 has not been heard of yet
 */
public record BuildDetails(Build build, Optional<Decision> decision, List<BuildStep> steps, List<BuildImage> images) {

    public BuildDetails {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(decision, "decision");
        steps = List.copyOf(steps);
        images = List.copyOf(images);
    }
}
