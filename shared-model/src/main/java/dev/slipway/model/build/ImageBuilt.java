package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.List;
import java.util.UUID;

/**
 * A step built an image on the engine.
 *
 * @param stepName the step that built it
 * @param imageId  the engine's image id ({@code sha256:...}), which later pushes refer to
 * @param tags     the local tags it was given
 */
public record ImageBuilt(UUID buildId, String stepName, String imageId, List<String> tags) implements BuildEvent {

    public ImageBuilt {
        Fields.required(buildId, "buildId");
        Fields.text(stepName, "stepName");
        Fields.text(imageId, "imageId");
        tags = Fields.listOrEmpty(tags);
    }
}
