package dev.slipway.execution.application;

import dev.slipway.pipeline.plan.BuildPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an image's build context and Dockerfile are in the checked-out repository, checked before
 * anything is built or run: both must stay inside the repository, after {@code ..} is resolved and
 * after every symbolic link is followed, so that a pipeline cannot send the engine files of the
 * executor's machine. The Dockerfile must also be inside its context, since the engine receives
 * nothing else.
 */
final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /** Where an image is built from, or why it may not be. */
    sealed interface Checked {
    }

    /**
     * @param context    the context directory, inside the repository
     * @param dockerfile the Dockerfile's path relative to the context, with {@code /} separators
     */
    record Allowed(Path context, String dockerfile) implements Checked {
        Allowed {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(dockerfile, "dockerfile");
        }
    }

    /** @param reason what is wrong, naming the image and the path as the plan gave it */
    record Refused(String reason) implements Checked {
    }

    /** Checks {@code image}'s context and Dockerfile in the repository checked out at {@code root}. */
    static Checked check(Path root, BuildPlan.PlanImage image) {
        String name = "image " + image.key();
        Path repository;
        try {
            repository = root.toRealPath();
        } catch (IOException e) {
            return new Refused(name + ": the checked-out repository cannot be read: " + e.getMessage());
        }
        Path context;
        Path dockerfile;
        boolean absolute;
        try {
            context = repository.resolve(image.context()).normalize();
            dockerfile = context.resolve(image.dockerfile()).normalize();
            absolute = Path.of(image.dockerfile()).isAbsolute();
            if (Path.of(image.context()).isAbsolute() || !context.startsWith(repository)) {
                return new Refused(name + ": its context '" + image.context() + "' leaves the repository");
            }
        } catch (InvalidPathException e) {
            return new Refused(name + ": '" + e.getInput() + "' is not a path");
        }
        if (absolute || !dockerfile.startsWith(repository)) {
            return new Refused(name + ": its Dockerfile '" + image.dockerfile() + "' leaves the repository");
        }
        if (!Files.isDirectory(context)) {
            return new Refused(name + ": its context '" + image.context() + "' is not a directory of the repository");
        }
        Path realContext;
        try {
            realContext = context.toRealPath();
        } catch (IOException e) {
            return new Refused(name + ": its context '" + image.context() + "' cannot be read: " + e.getMessage());
        }
        if (!realContext.startsWith(repository)) {
            return new Refused(name + ": its context '" + image.context()
                    + "' is a symbolic link that leaves the repository");
        }
        if (!dockerfile.startsWith(context)) {
            return new Refused(name + ": its Dockerfile '" + image.dockerfile() + "' is outside its context '"
                    + image.context() + "', and the engine receives only the context");
        }
        if (!Files.isRegularFile(dockerfile)) {
            return new Refused(name + ": there is no Dockerfile at '" + repository.relativize(dockerfile)
                    + "' in the repository");
        }
        Path realDockerfile;
        try {
            realDockerfile = dockerfile.toRealPath();
        } catch (IOException e) {
            return new Refused(name + ": its Dockerfile '" + image.dockerfile() + "' cannot be read: "
                    + e.getMessage());
        }
        if (!realDockerfile.startsWith(realContext)) {
            return new Refused(name + ": its Dockerfile '" + image.dockerfile()
                    + "' is a symbolic link that leaves " + (realDockerfile.startsWith(repository)
                    ? "its context" : "the repository"));
        }
        return new Allowed(realContext, context.relativize(dockerfile).toString().replace('\\', '/'));
    }
}
