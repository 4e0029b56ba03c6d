package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.List;
import java.util.UUID;

/**
 * A push step sent an image that its build produced to a registry.
 *
 * @param stepName   the push step
 * @param imageId    the engine's id of the image that was sent ({@code sha256:...}): the one the
 *                   step's image spec names, never one looked up by a tag
 * @param repository where it went, such as {@code registry.example.com/team/app}
 * @param tags       the tags it was sent under, such as {@code 3f2a9c1} and {@code latest}
 * @param digest     the manifest digest that the registry answered ({@code sha256:...}); every tag
 *                   of this push points at it
 */
public record ImagePushed(UUID buildId, String stepName, String imageId, String repository, List<String> tags,
                          String digest) implements BuildEvent {

    public ImagePushed {
        Fields.required(buildId, "buildId");
        Fields.text(stepName, "stepName");
        Fields.text(imageId, "imageId");
        Fields.text(repository, "repository");
        tags = Fields.listOrEmpty(tags);
        Fields.text(digest, "digest");
    }
}
