package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.BuildSetup;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.testkit.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DockerBuildBackend} on the tests' engine and the builds a test set up with it, so that
 * every test destroys exactly its own builds, and counts leftovers by its own build ids only:
 * other tests use the same engine at the same time.
 */
final class EngineBuilds implements AutoCloseable {

    final DockerBuildBackend backend;
    final DockerClient docker = DockerEngine.client();
    private final Set<UUID> builds = ConcurrentHashMap.newKeySet();

    EngineBuilds() {
        this(DockerProperties.defaults(null), NetworkProperties.defaults());
    }

    EngineBuilds(DockerProperties docker, NetworkProperties network) {
        this.backend = new DockerBuildBackend(docker, network);
        assertThat(backend.isAvailable()).as(backend.describe()).isTrue();
    }

    /** A new build id that {@link #close()} will destroy. */
    UUID newBuild() {
        UUID build = UUID.randomUUID();
        builds.add(build);
        return build;
    }

    /** Sets up a new build with {@code workspace} as its repository. */
    BuildResources setup(UUID build, Path workspace) {
        builds.add(build);
        return backend.setup(new BuildSetup(build, Map.of("dev.slipway.test", "execution-docker"),
                BuildContext.directory(workspace)));
    }

    /** A directory with one file, to be a build's workspace. */
    static Path workspace(Path parent, String file, String content) throws IOException {
        Path directory = Files.createTempDirectory(parent, "workspace-");
        Files.writeString(directory.resolve(file), content);
        return directory;
    }

    /** A step that runs {@code script} with busybox's shell in the workspace. */
    static ContainerSpec step(String name, String image, String script) {
        return step(name, image, script, OptionalLong.empty());
    }

    /** A step that runs {@code script} with busybox's shell in the workspace, with at most {@code memory} bytes. */
    static ContainerSpec step(String name, String image, String script, OptionalLong memory) {
        return new ContainerSpec(ContainerSpec.Role.STEP, name, image, List.of("sh", "-c", script), Map.of(),
                Optional.of(BuildResources.WORKSPACE_PATH), true, Map.of(BuildBackend.STEP_LABEL, name), Map.of(),
                Optional.empty(), false, memory);
    }

    /** The containers, networks and volumes labelled with {@code build}, in words for an assertion. */
    List<String> leftovers(UUID build) {
        List<String> label = List.of(BuildBackend.BUILD_LABEL + "=" + build);
        List<String> found = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()
                .forEach(container -> found.add("container " + container.getId()));
        docker.listNetworksCmd().withFilter("label", label).exec()
                .forEach(network -> found.add("network " + network.getName()));
        var volumes = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(volume -> found.add("volume " + volume.getName()));
        }
        return found;
    }

    /** Destroys every build the test made, and closes the backend. */
    @Override
    public void close() throws IOException {
        for (UUID build : builds) {
            backend.destroy(build);
        }
        backend.close();
    }

    /** Settings as the defaults, but a step past its time limit is killed after {@code grace}. */
    static DockerProperties withTimeoutGrace(Duration grace) {
        DockerProperties defaults = DockerProperties.defaults(null);
        return new DockerProperties(null, defaults.probeTimeout(), defaults.helperImage(), grace,
                defaults.healthPollInterval(), defaults.builder(), defaults.attachOutput());
    }
}
