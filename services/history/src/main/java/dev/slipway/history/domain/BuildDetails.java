package dev.slipway.history.domain;

import java.util.List;
import java.util.Objects;

/**
 * A build with everything the history has about it.
 *
 * @param steps  its steps, in plan order
 * @param images the images it built
 */
public record BuildDetails(Build build, List<BuildStep> steps, List<BuiltImage> images) {

    public BuildDetails {
        Objects.requireNonNull(build, "build");
        steps = List.copyOf(steps);
        images = List.copyOf(images);
    }
}
