package dev.slipway.testkit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Temporary directories and files that live as long as the test JVM, deleted with what they hold
 * when it exits: for paths that a Spring context cached across test classes points at (a mirror
 * directory, a repositories file), which no single test can delete.
 */
public final class JvmTemporaryPaths {

    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(OwnedResources::deleteQuietly),
                "slipway-test-temporary-paths"));
    }

    private JvmTemporaryPaths() {
    }

    /** A new directory in {@code java.io.tmpdir} whose name starts with {@code prefix}. */
    public static Path directory(String prefix) {
        return remember(OwnedResources.create(prefix));
    }

    /** A new empty file in {@code java.io.tmpdir} named {@code prefix}, something, {@code suffix}. */
    public static Path file(String prefix, String suffix) {
        try {
            return remember(Files.createTempFile(prefix, suffix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary file " + prefix + "*" + suffix, e);
        }
    }

    private static Path remember(Path path) {
        CREATED.add(path);
        return path;
    }
}
