package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Builds images on a Docker engine through docker-java. Two HTTP clients share the engine's
 * address: a probe client with short timeouts, so that asking whether the engine answers never
 * hangs, and a work client without a response timeout, since a build may print nothing for a
 * long time and still be fine.
 */
@Component
@EnableConfigurationProperties(DockerProperties.class)
class DockerBuildBackend implements BuildBackend, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DockerBuildBackend.class);

    private final URI host;
    private final DockerHttpClient probeHttp;
    private final DockerHttpClient workHttp;
    private final DockerClient probe;
    private final DockerClient docker;
    private volatile String description;

    DockerBuildBackend(DockerProperties properties) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (properties.host() != null && !properties.host().isBlank()) {
            builder.withDockerHost(properties.host());
        }
        DockerClientConfig config = builder.build();
        this.host = config.getDockerHost();
        Duration probeTimeout = properties.probeTimeout();
        this.probeHttp = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(probeTimeout)
                .responseTimeout(probeTimeout)
                .maxConnections(4)
                .build();
        this.workHttp = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .maxConnections(100)
                .build();
        this.probe = DockerClientImpl.getInstance(config, probeHttp);
        this.docker = DockerClientImpl.getInstance(config, workHttp);
        this.description = "Docker engine at " + host + ", not asked yet";
    }

    @Override
    public boolean isAvailable() {
        try {
            Version version = probe.versionCmd().exec();
            description = "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ") at " + host;
            return true;
        } catch (RuntimeException e) {
            description = "no Docker engine answers at " + host + " (" + rootMessage(e) + ")";
            return false;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ImageBuildResult buildImage(ImageBuildRequest request, OutputListener output) {
        Path archive = null;
        try {
            InputStream context = switch (request.context()) {
                case BuildContext.Directory directory -> {
                    archive = Files.createTempFile("slipway-context-", ".tar");
                    try (OutputStream out = Files.newOutputStream(archive)) {
                        ContextArchive.write(directory.root(), out);
                    }
                    yield Files.newInputStream(archive);
                }
                case BuildContext.Tar tar -> tar.source().open();
            };
            try (context) {
                return build(request, context, output);
            }
        } catch (IOException e) {
            throw new BuildBackendException("could not send the build context to the engine at " + host + ": "
                    + e.getMessage(), e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException e) {
                    log.warn("could not delete build context archive {}: {}", archive, e.getMessage());
                }
            }
        }
    }

    private ImageBuildResult build(ImageBuildRequest request, InputStream context, OutputListener output) {
        Map<String, String> labels = new HashMap<>(request.labels());
        labels.put(BUILD_LABEL, request.buildId().toString());
        BuildImageCmd command = docker.buildImageCmd()
                .withTarInputStream(context)
                .withDockerfilePath(request.dockerfile())
                .withTags(new LinkedHashSet<>(request.tags()))
                .withLabels(labels)
                .withPull(false)
                .withRemove(true)
                // Intermediate containers of a failed instruction are removed too: nothing leaks.
                .withForcerm(true);
        if (request.target() != null) {
            command.withTarget(request.target());
        }
        request.buildArgs().forEach(command::withBuildArg);

        BuildStreamReader reader = new BuildStreamReader(output);
        try (var callback = command.exec(new ResultCallback.Adapter<BuildResponseItem>() {
            @Override
            public void onNext(BuildResponseItem item) {
                reader.accept(item);
            }
        })) {
            callback.awaitCompletion();
        } catch (BadRequestException e) {
            return BuildStreamReader.refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while the engine at " + host + " was building", e);
        } catch (IOException | RuntimeException e) {
            throw new BuildBackendException("the engine at " + host + " broke off the build: " + rootMessage(e), e);
        }
        ImageBuildResult result = reader.finish();
        if (result instanceof ImageBuildResult.Built built && !built.imageId().startsWith("sha256:")) {
            return new ImageBuildResult.Built(fullImageId(built.imageId()));
        }
        return result;
    }

    private String fullImageId(String shortId) {
        try {
            return docker.inspectImageCmd(shortId).exec().getId();
        } catch (RuntimeException e) {
            throw new BuildBackendException("the engine built image " + shortId + " but cannot show it: "
                    + rootMessage(e), e);
        }
    }

    @Override
    public void destroy(UUID buildId) {
        String label = BUILD_LABEL + "=" + buildId;
        try {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(label)).exec();
            for (Container container : containers) {
                ignoreMissing(() -> docker.removeContainerCmd(container.getId()).withForce(true)
                        .withRemoveVolumes(true).exec());
            }
            docker.listNetworksCmd().withFilter("label", List.of(label)).exec()
                    .forEach(network -> ignoreMissing(() -> docker.removeNetworkCmd(network.getId()).exec()));
            var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(volume -> ignoreMissing(() -> docker.removeVolumeCmd(volume.getName()).exec()));
            }
        } catch (DockerException | IllegalStateException e) {
            throw new BuildBackendException("could not remove what build " + buildId + " left on the engine at "
                    + host + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new BuildBackendException("the engine at " + host + " did not answer while removing what build "
                    + buildId + " left: " + rootMessage(e), e);
        }
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException alreadyGone) {
            // Another executor, or an earlier call, removed it first: that is what we wanted.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Closes the connections to the engine when the context closes. */
    @Override
    public void close() throws IOException {
        probeHttp.close();
        workHttp.close();
    }

    // The rest of the lifecycle arrives in the slices of issue 6 that follow this contract.

    @Override
    public dev.slipway.execution.application.port.out.BuildResources setup(
            dev.slipway.execution.application.port.out.BuildSetup setup) {
        throw new UnsupportedOperationException("setup arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.ContainerHandle startStep(
            dev.slipway.execution.application.port.out.BuildResources resources,
            dev.slipway.execution.application.port.out.ContainerSpec spec) {
        throw new UnsupportedOperationException("startStep arrives with issue 6");
    }

    @Override
    public void tailStep(dev.slipway.execution.application.port.out.ContainerHandle container,
                         dev.slipway.execution.application.port.out.OutputListener output) {
        throw new UnsupportedOperationException("tailStep arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.StepExit waitStep(
            dev.slipway.execution.application.port.out.ContainerHandle container, java.time.Duration limit) {
        throw new UnsupportedOperationException("waitStep arrives with issue 6");
    }

    @Override
    public void stopStep(dev.slipway.execution.application.port.out.ContainerHandle container, java.time.Duration grace) {
        throw new UnsupportedOperationException("stopStep arrives with issue 6");
    }

    @Override
    public java.util.Optional<String> awaitHealthy(dev.slipway.execution.application.port.out.ContainerHandle service,
                                                   java.time.Duration limit) {
        throw new UnsupportedOperationException("awaitHealthy arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.PushResult pushImage(
            dev.slipway.execution.application.port.out.PushRequest request,
            dev.slipway.execution.application.port.out.OutputListener output) {
        throw new UnsupportedOperationException("pushImage arrives with issue 6");
    }

    @Override
    public java.util.Set<java.util.UUID> buildsWithLeftovers() {
        throw new UnsupportedOperationException("buildsWithLeftovers arrives with issue 6");
    }
}
