package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.model.EnvVar;
import dev.slipway.pipeline.model.ImageRef;
import dev.slipway.pipeline.model.ImageSpec;
import dev.slipway.pipeline.model.Reference;
import dev.slipway.pipeline.source.Location;
import java.util.List;
import java.util.Optional;

/**
 * One entry of codeship-services.yml as read, before it is split into what the model keeps apart:
 * the image it builds, the container it runs as, and the environment its steps get.
 *
 * @param imageNames  the names the file gives its image ({@code build.image} and {@code image});
 *                    kept only to explain push steps whose {@code image_name} repeats one of them
 * @param build       the image built for it, named after the service, when it has {@code build}
 * @param runs        what its containers run: the built image, or the pulled {@code image}
 * @param environment its environment, which Codeship gave every step run in it
 * @param dependsOn   {@code depends_on} and {@code links}, in file order
 */
record CodeshipService(String name, Location location, List<String> imageNames, Optional<ImageSpec> build,
                       ImageRef runs, List<EnvVar> environment, List<Reference> dependsOn) {

    CodeshipService {
        imageNames = List.copyOf(imageNames);
        environment = List.copyOf(environment);
        dependsOn = List.copyOf(dependsOn);
    }
}
