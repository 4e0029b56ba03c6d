package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image the pipeline builds from a Dockerfile in the repository.
 *
 * @param name       its name inside the pipeline (the key under {@code images}; for Codeship, the
 *                   service whose {@code build} it is)
 * @param context    the build context, relative to the repository root ({@code .} by default)
 * @param dockerfile the Dockerfile, relative to the context ({@code Dockerfile} by default), as in Codeship and Compose
 * @param target     the stage built by default; {@code app@stage} overrides it per use
 * @param buildArgs  build arguments, literal or from secrets (Codeship {@code encrypted_args})
 * @param cacheFrom  images to use as cache sources
 */
public record ImageSpec(String name, Location location, String context, String dockerfile, Optional<String> target,
                        List<EnvVar> buildArgs, List<String> cacheFrom) {

    public ImageSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(target, "target");
        buildArgs = List.copyOf(buildArgs);
        cacheFrom = List.copyOf(cacheFrom);
    }
}
