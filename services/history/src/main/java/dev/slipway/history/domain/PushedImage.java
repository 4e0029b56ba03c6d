package dev.slipway.history.domain;

import java.util.List;
import java.util.Objects;

/**
 * An image that a push step of the build sent to a registry.
 *
 * @param stepName   the push step
 * @param imageId    the engine's id of the image it sent ({@code sha256:...})
 * @param repository where it went, such as {@code registry.example.com/team/app}
 * @param tags       the tags it went under
 * @param digest     the manifest digest the registry answered; every tag points at it
 */
public record PushedImage(String stepName, String imageId, String repository, List<String> tags, String digest) {

    public PushedImage {
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(repository, "repository");
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(digest, "digest");
    }
}
