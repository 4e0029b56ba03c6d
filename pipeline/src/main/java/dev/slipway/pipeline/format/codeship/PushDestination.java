package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Node;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a Codeship push step pushes: the repository {@code image_name} names, on the registry
 * {@code registry} names. Codeship used {@code registry} only to pick the login and let the image
 * name alone decide the destination, so {@code registry: quay.io} with {@code image_name: team/app}
 * pushed to Docker Hub. Slipway pushes where the file says, and warns when the two disagree.
 */
final class PushDestination {

    private static final Set<String> DOCKER_HUB =
            Set.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com");

    private PushDestination() {
    }

    /** The repository pushed to, such as {@code quay.io/team/app} or {@code team/app} for Docker Hub. */
    static String of(Node.Scalar imageName, Optional<Node.Scalar> registry, Consumer<Problem> problems) {
        String repository = imageName.value();
        int lastSlash = repository.lastIndexOf('/');
        int tagAt = repository.indexOf(':', lastSlash + 1);
        int digestAt = repository.indexOf('@');
        int cut = digestAt >= 0 ? digestAt : tagAt;
        if (cut >= 0) {
            problems.accept(LintCode.VALUE_INVALID.at(imageName.location(),
                    "`image_name: " + repository + "` carries a tag or digest; the push uses `"
                            + repository.substring(0, cut) + "`",
                    "`image_name` names the repository only; put tags in `image_tag`"));
            repository = repository.substring(0, cut);
        }
        if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
            problems.accept(LintCode.VALUE_INVALID.at(imageName.location(),
                    "`image_name: " + repository + "` has upper-case letters, which Docker repository names cannot have",
                    "write it in lower case"));
        }
        Optional<String> imageHost = hostOf(repository);
        if (registry.isEmpty()) {
            return repository;
        }
        String registryHost = registryHost(registry.get().value());
        boolean registryIsHub = DOCKER_HUB.contains(registryHost);
        if (imageHost.isEmpty()) {
            if (registryIsHub) {
                return repository;
            }
            problems.accept(LintCode.CODESHIP_REGISTRY_MISMATCH.at(registry.get().location(),
                    "`image_name: " + repository + "` has no registry host, so Codeship pushed it to Docker Hub and used"
                            + " `registry` only to log in; Slipway pushes to `" + registryHost + "/" + repository
                            + "`, as `registry` says",
                    "write the full name, `image_name: " + registryHost + "/" + repository + "`, to make the"
                            + " destination plain to read"));
            return registryHost + "/" + repository;
        }
        boolean same = imageHost.get().equals(registryHost)
                || (registryIsHub && DOCKER_HUB.contains(imageHost.get()));
        if (!same) {
            problems.accept(LintCode.CODESHIP_REGISTRY_MISMATCH.at(registry.get().location(),
                    "`registry: " + registry.get().value() + "` names `" + registryHost + "` but `image_name` pushes to `"
                            + imageHost.get() + "`; Slipway pushes to `" + repository + "` and logs in to `"
                            + imageHost.get() + "`",
                    "make `registry` the host at the start of `image_name`, or remove `registry`"));
        }
        return repository;
    }

    /** The registry host at the start of a repository name, as Docker tells it: one with a dot, a port, or localhost. */
    static Optional<String> hostOf(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String first = repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? Optional.of(first.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** {@code https://index.docker.io/v1/} → {@code index.docker.io}; {@code quay.io} stays. */
    static String registryHost(String registry) {
        String host = registry.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        return (slash >= 0 ? host.substring(0, slash) : host).toLowerCase(Locale.ROOT);
    }
}
