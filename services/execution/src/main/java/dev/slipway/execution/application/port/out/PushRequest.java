package dev.slipway.execution.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Send one image, by its id, to a registry under some tags.
 *
 * @param buildId    the build that made the image
 * @param imageId    the engine's id of the image ({@code sha256:...}); never a name that could
 *                   have been re-pointed by another step
 * @param repository where to, such as {@code 127.0.0.1:5000/team/app}
 * @param tags       the tags, already rendered and valid
 * @param auth       how to log in to the repository's registry, if it needs it
 */
public record PushRequest(UUID buildId, String imageId, String repository, List<String> tags,
                          Optional<RegistryAuth> auth) {

    public PushRequest {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(repository, "repository");
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a push needs at least one tag");
        }
        Objects.requireNonNull(auth, "auth");
    }

    /** The registry part of {@link #repository()}: {@code docker.io} when it names none. */
    public String registry() {
        return registryOf(repository);
    }

    /** The registry part of {@code repository}, such as {@code 127.0.0.1:5000}: {@code docker.io} when it names none. */
    public static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = repository.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }
}
