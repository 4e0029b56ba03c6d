package dev.slipway.execution.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files an image is built from. The engine always receives them as a tar stream, never as a
 * host path, so that an executor that itself runs in a container works the same way.
 */
public sealed interface BuildContext {

    /** The directory {@code root}, sent as a tar stream without its {@code .git} directory. */
    static BuildContext directory(Path root) {
        return new Directory(root);
    }

    /** A tar stream that the caller has already made; opened once per build. */
    static BuildContext tar(TarSource source) {
        return new Tar(source);
    }

    /** @param root a directory whose content is the context */
    record Directory(Path root) implements BuildContext {
        public Directory {
            Objects.requireNonNull(root, "root");
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("a build context directory must exist: " + root);
            }
        }
    }

    /** @param source opens the tar stream */
    record Tar(TarSource source) implements BuildContext {
        public Tar {
            Objects.requireNonNull(source, "source");
        }
    }

    /** Opens a tar stream of a build context; the backend closes it. */
    @FunctionalInterface
    interface TarSource {
        InputStream open() throws IOException;
    }
}
