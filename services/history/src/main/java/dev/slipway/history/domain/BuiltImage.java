package dev.slipway.history.domain;

import java.util.List;
import java.util.Objects;

/**
 * An image that a step of the build produced on the engine.
 *
 * @param stepName the step that built it
 * @param imageId  the engine's image id ({@code sha256:...})
 * @param tags     the local tags it was given
 */
public record BuiltImage(String stepName, String imageId, List<String> tags) {

    public BuiltImage {
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(imageId, "imageId");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
