package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.CheckoutFailedException;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Workspaces made of scripted files and symbolic links in temporary directories, or a scripted clone failure. */
final class FakeSourceCheckout implements SourceCheckout {

    volatile Map<String, String> files = Map.of("Dockerfile", "FROM busybox:latest\n");
    /** Symbolic links to create, by their path in the workspace, to their target. */
    volatile Map<String, String> symlinks = Map.of();
    volatile String failure;
    final List<Path> handedOut = new CopyOnWriteArrayList<>();

    @Override
    public Workspace checkout(UUID buildId, String cloneUrl, String commitSha, OutputListener output) {
        output.onLine("Cloning " + cloneUrl);
        if (failure != null) {
            throw new CheckoutFailedException(failure, null);
        }
        try {
            Path directory = Files.createTempDirectory("fake-workspace-");
            for (var file : files.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue());
            }
            for (var link : symlinks.entrySet()) {
                Files.createSymbolicLink(directory.resolve(link.getKey()), Path.of(link.getValue()));
            }
            handedOut.add(directory);
            return new Workspace() {
                @Override
                public Path directory() {
                    return directory;
                }

                @Override
                public String commitSha() {
                    return commitSha;
                }

                @Override
                public void close() {
                    try (Stream<Path> tree = Files.walk(directory)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(path);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fake's workspaces are closed by the builds that got them; none is ever left for a cleanup. */
    @Override
    public Set<UUID> buildsWithWorkspaces() {
        return Set.of();
    }

    @Override
    public void removeWorkspaces(UUID buildId) {
        throw new IllegalStateException("no fake workspace is ever left behind, so none is removed: " + buildId);
    }
}
