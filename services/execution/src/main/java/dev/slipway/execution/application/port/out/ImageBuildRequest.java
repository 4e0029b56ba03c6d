package dev.slipway.execution.application.port.out;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One image to build.
 *
 * @param buildId    the build the image belongs to; the backend labels the image with it
 * @param context    the files to build from
 * @param dockerfile the Dockerfile's path inside the context; one that leaves the context is refused
 * @param tags       the local names to give the image, such as {@code slipway/acme-app:7}
 * @param labels     labels to put on the image, besides the build label the backend adds
 * @param target     the stage to build, or {@code null} for the last stage
 * @param buildArgs  values for the Dockerfile's {@code ARG}s
 * @param cacheFrom  images whose layers the engine may reuse ({@code cache_from})
 */
public record ImageBuildRequest(UUID buildId, BuildContext context, String dockerfile, List<String> tags,
                                Map<String, String> labels, String target, Map<String, String> buildArgs,
                                List<String> cacheFrom) {

    public ImageBuildRequest {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dockerfile, "dockerfile");
        Path path = Path.of(dockerfile).normalize();
        if (dockerfile.isBlank() || path.isAbsolute() || path.startsWith("..") || path.toString().isEmpty()) {
            throw new IllegalArgumentException("the Dockerfile must be a relative path inside the build context, "
                    + "was '" + dockerfile + "'");
        }
        dockerfile = path.toString().replace('\\', '/');
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        if (target != null && target.isBlank()) {
            target = null;
        }
        buildArgs = Map.copyOf(Objects.requireNonNull(buildArgs, "buildArgs"));
        cacheFrom = List.copyOf(Objects.requireNonNull(cacheFrom, "cacheFrom"));
    }
}
