package dev.slipway.testkit.infra;

import dev.slipway.embedded.EmbeddedServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Temporary directories and loopback ports for the servers a test owns. */
final class OwnedResources {

    private static final Duration PORT_PATIENCE = Duration.ofSeconds(15);

    private OwnedResources() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory " + prefix + "*", e);
        }
    }

    /** Deletes {@code directory} and what it holds; failures are left for the OS's temporary-file cleanup. */
    static void deleteQuietly(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a test's leftovers in java.io.tmpdir do no harm
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /**
     * Starts a server on a fixed port, trying again for a while when the port is still taken: a
     * server that was just stopped may hold it for a moment longer.
     */
    static <S> S retryWhileBusy(Supplier<S> start) {
        long deadline = System.nanoTime() + PORT_PATIENCE.toNanos();
        while (true) {
            try {
                return start.get();
            } catch (EmbeddedServerException e) {
                if (e.getMessage() == null || !e.getMessage().contains("already listens") || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a port to be free", e);
            }
        }
    }
}
