package dev.slipway.history.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image of a build as users see it: where the build made it, and where it was pushed since.
 *
 * @param stepName the step that built it; {@code null} while the image is known only from a push,
 *                 because its {@code ImageBuilt} has not arrived yet
 * @param imageId  the engine's image id ({@code sha256:...})
 * @param tags     the local tags it was given when built; empty while it is known only from a push
 * @param pushes   its pushes, in the order they were recorded
 */
public record BuildImage(String stepName, String imageId, List<String> tags, List<PushedImage> pushes) {

    public BuildImage {
        Objects.requireNonNull(imageId, "imageId");
        tags = List.copyOf(tags);
        pushes = List.copyOf(pushes);
    }

    /**
     * The built images in their order, each with the pushes that sent it, followed by the images
     * that pushes sent but that no {@code ImageBuilt} has named yet (events arrive in any order).
     */
    public static List<BuildImage> of(List<BuiltImage> built, List<PushedImage> pushes) {
        Map<String, List<PushedImage>> byImage = new LinkedHashMap<>();
        pushes.forEach(p -> byImage.computeIfAbsent(p.imageId(), id -> new ArrayList<>()).add(p));
        List<BuildImage> images = new ArrayList<>();
        for (BuiltImage image : built) {
            images.add(new BuildImage(image.stepName(), image.imageId(), image.tags(),
                    byImage.getOrDefault(image.imageId(), List.of())));
        }
        built.forEach(image -> byImage.remove(image.imageId()));
        byImage.forEach((imageId, sent) -> images.add(new BuildImage(null, imageId, List.of(), sent)));
        return images;
    }
}
