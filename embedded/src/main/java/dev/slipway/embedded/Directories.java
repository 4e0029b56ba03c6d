package dev.slipway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories for servers that keep nothing, and their removal. */
final class Directories {

    private Directories() {
    }

    static Path createTemporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not create a temporary directory for " + prefix
                    + " under " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    static Path createPersistent(Path directory, String what) {
        try {
            return Files.createDirectories(directory).toAbsolutePath();
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not create the " + what + " directory " + directory
                    + "; check that its parent exists and is writable", e);
        }
    }

    /** Deletes {@code directory} and everything in it; a directory that is already gone is fine. */
    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (NoSuchFileException gone) {
                    // removed concurrently, which is what we wanted
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
