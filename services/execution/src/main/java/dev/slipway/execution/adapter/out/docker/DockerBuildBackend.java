package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
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
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.BuildSetup;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.StepExit;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The build lifecycle on a Docker engine through docker-java. Two HTTP clients share the engine's
 * address: a probe client with short timeouts, so that asking whether the engine answers never
 * hangs, and a work client without a response timeout, since a build may print nothing for a
 * long time and still be fine, and a wait or a log follow lasts as long as its step. The work
 * client's pool is large because every running step holds two connections (its output and its
 * wait) for its whole life.
 *
 * <p>The parts of the lifecycle live beside it: {@link BuildNetworks} (a network and subnet per
 * build), {@link WorkspaceVolumes}, {@link StepContainers} (with the pure {@link ContainerSettings})
 * and {@link ImagePushes}. Any failure to reach the engine becomes a {@link BuildBackendException}.
 */
@Component
@EnableConfigurationProperties({DockerProperties.class, NetworkProperties.class})
class DockerBuildBackend implements BuildBackend, AutoCloseable {

    private static final int MAX_ENGINE_CONNECTIONS = 2048;
    private static final int REMOVAL_ATTEMPTS = 5;

    private final URI host;
    private final DockerHttpClient probeHttp;
    private final DockerHttpClient workHttp;
    private final DockerClient probe;
    private final DockerClient docker;
    private final BuildNetworks networks;
    private final WorkspaceVolumes volumes;
    private final StepContainers containers;
    private final ImagePushes pushes;
    private final AbortableRequests requests = new AbortableRequests();
    private final ImageBuilder builder;
    private final BuildKitBuilds buildKit;
    private volatile String description;

    DockerBuildBackend(DockerProperties properties, NetworkProperties network) {
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
                .maxConnections(MAX_ENGINE_CONNECTIONS)
                .build();
        this.probe = DockerClientImpl.getInstance(config, probeHttp);
        this.docker = DockerClientImpl.getInstance(config, workHttp);
        this.networks = new BuildNetworks(docker, network.allocator());
        this.volumes = new WorkspaceVolumes(docker, properties.helperImage());
        this.containers = new StepContainers(docker, workHttp, properties.timeoutGrace(), properties.healthPollInterval(),
                properties.attachOutput());
        this.pushes = new ImagePushes(docker, requests);
        this.builder = properties.builder();
        this.buildKit = new BuildKitBuilds(workHttp, config.getObjectMapper(), requests, host);
        this.description = "Docker engine at " + host + ", not asked yet";
    }

    @Override
    public boolean isAvailable() {
        try {
            Version version = probe.versionCmd().exec();
            description = "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ") at " + host;
            return true;
        } catch (RuntimeException e) {
            description = "no Docker engine answers at " + host + " (" + EngineFaults.rootMessage(e) + ")";
            return false;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ImageBuildResult buildImage(ImageBuildRequest request, OutputListener output) {
        Map<String, String> labels = new HashMap<>(request.labels());
        labels.put(BUILD_LABEL, request.buildId().toString());
        try (ContextArchive.Prepared context = ContextArchive.prepare(request.context(), request.dockerfile(),
                request.target(), labels, builder)) {
            ImageBuildResult result = builder == ImageBuilder.BUILDKIT ? buildKit.build(request, context, output)
                    : build(request, context, output);
            if (result instanceof ImageBuildResult.Built built && !built.imageId().startsWith("sha256:")) {
                return new ImageBuildResult.Built(fullImageId(built.imageId()));
            }
            return result;
        } catch (IOException e) {
            throw new BuildBackendException("could not send the build context to the engine at " + host + ": "
                    + e.getMessage(), e);
        }
    }

    /** A build with the classic builder, through docker-java. */
    private ImageBuildResult build(ImageBuildRequest request, ContextArchive.Prepared context, OutputListener output) {
        BuildImageCmd command = docker.buildImageCmd()
                .withTarInputStream(context.stream())
                .withDockerfilePath(context.dockerfile())
                .withTags(new LinkedHashSet<>(request.tags()))
                .withPull(false)
                .withRemove(true)
                // Intermediate containers of a failed instruction are removed too: nothing leaks.
                .withForcerm(true);
        if (!context.labels().isEmpty()) {
            command.withLabels(context.labels());
        }
        if (context.target() != null) {
            command.withTarget(context.target());
        }
        if (!request.cacheFrom().isEmpty()) {
            command.withCacheFrom(new LinkedHashSet<>(request.cacheFrom()));
        }
        request.buildArgs().forEach(command::withBuildArg);

        UUID buildId = request.buildId();
        requests.refuseIfAborted(buildId, "building an image");
        BuildStreamReader reader = new BuildStreamReader(output);
        try (var callback = command.exec(new ResultCallback.Adapter<BuildResponseItem>() {
            @Override
            public void onNext(BuildResponseItem item) {
                reader.accept(item);
            }
        }); var followed = requests.follow(buildId, callback)) {
            callback.awaitCompletion();
        } catch (BadRequestException e) {
            return BuildStreamReader.refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while the engine at " + host + " was building", e);
        } catch (IOException | RuntimeException e) {
            throw requests.brokenOffBuild(buildId, host, e);
        }
        // A closed callback ends the wait as if the engine had finished: what it said so far is not a result.
        requests.refuseIfAborted(buildId, "its image was being built");
        return reader.finish();
    }

    private String fullImageId(String shortId) {
        try {
            return docker.inspectImageCmd(shortId).exec().getId();
        } catch (RuntimeException e) {
            throw new BuildBackendException("the engine built image " + shortId + " but cannot show it: "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    @Override
    public BuildResources setup(BuildSetup setup) {
        UUID buildId = setup.buildId();
        Map<String, String> labels = new HashMap<>(setup.labels());
        labels.put(BUILD_LABEL, buildId.toString());
        return engine("setting up build " + buildId, () -> {
            // A range without a free subnet fails the setup before anything is created.
            Subnet reserved = networks.reserve(buildId);
            // The network and the volume are independent, and each is mostly waiting for the engine: they overlap.
            FutureTask<Subnet> network = new FutureTask<>(() -> networks.create(buildId, labels, reserved));
            Thread.ofVirtual().name("slipway-network-" + buildId).start(network);
            String volume;
            try {
                volume = volumes.createAndFill(buildId, labels, setup.workspace());
            } finally {
                // Whatever happened to the volume, the network's request is not left running behind setup's back.
                awaitQuietly(network);
            }
            return new BuildResources(BuildNetworks.name(buildId), outcome(network).toString(), volume);
        });
    }

    private static void awaitQuietly(FutureTask<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T outcome(FutureTask<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while setting up a build", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new BuildBackendException("setting up a build failed: " + EngineFaults.rootMessage(e), e);
        }
    }

    @Override
    public ContainerHandle startStep(BuildResources resources, ContainerSpec spec) {
        UUID buildId = BuildNetworks.buildOf(resources.network()).orElseThrow(() -> new IllegalArgumentException(
                "network " + resources.network() + " was not set up by this backend"));
        return engine("starting " + spec.name() + " of build " + buildId,
                () -> containers.start(buildId, resources, spec));
    }

    @Override
    public void tailStep(ContainerHandle container, OutputListener output) {
        engine("following " + container.name(), () -> {
            containers.tail(container, output);
            return null;
        });
    }

    @Override
    public StepExit waitStep(ContainerHandle container, Duration limit) {
        return engine("waiting for " + container.name(), () -> containers.await(container, limit));
    }

    @Override
    public void stopStep(ContainerHandle container, Duration grace) {
        engine("stopping " + container.name(), () -> {
            containers.stop(container, grace);
            return null;
        });
    }

    @Override
    public Optional<String> awaitHealthy(ContainerHandle service, Duration limit) {
        return engine("waiting for service " + service.name(), () -> containers.awaitHealthy(service, limit));
    }

    @Override
    public PushResult pushImage(PushRequest request, OutputListener output) {
        return engine("pushing " + request.repository(), () -> pushes.push(request, output));
    }

    @Override
    public void abort(UUID buildId) {
        requests.abort(buildId);
    }

    @Override
    public Set<UUID> buildsWithLeftovers() {
        return engine("listing what builds left", () -> {
            Set<String> labelled = new HashSet<>();
            docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(BUILD_LABEL)).exec()
                    .forEach(container -> labelled.add(labelOf(container.getLabels())));
            docker.listNetworksCmd().withFilter("label", List.of(BUILD_LABEL)).exec()
                    .forEach(network -> labelled.add(labelOf(network.getLabels())));
            var found = docker.listVolumesCmd().withFilter("label", List.of(BUILD_LABEL)).exec().getVolumes();
            if (found != null) {
                found.forEach(volume -> labelled.add(labelOf(volume.getLabels())));
            }
            Set<UUID> builds = new HashSet<>();
            for (String value : labelled) {
                try {
                    builds.add(UUID.fromString(value));
                } catch (IllegalArgumentException | NullPointerException notOurs) {
                    // A label that is not a build id was not made by Slipway.
                }
            }
            return builds;
        });
    }

    @Override
    public void destroy(UUID buildId) {
        List<String> label = List.of(BUILD_LABEL + "=" + buildId);
        containers.release(buildId);
        engine("removing what build " + buildId + " left", () -> {
            for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()) {
                EngineFaults.ignoringGone(() -> docker.removeContainerCmd(container.getId()).withForce(true)
                        .withRemoveVolumes(true).exec());
            }
            docker.listNetworksCmd().withFilter("label", label).exec()
                    .forEach(network -> removeInUse(() -> docker.removeNetworkCmd(network.getId()).exec()));
            networks.release(buildId);
            requests.forget(buildId);
            var found = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
            if (found != null) {
                found.forEach(volume -> removeInUse(() -> docker.removeVolumeCmd(volume.getName()).exec()));
            }
            return null;
        });
    }

    /**
     * Removes an object that a container removed just before may still hold for a moment
     * ("has active endpoints", "volume is in use"): the engine answers 409 until it lets go.
     */
    private static void removeInUse(Runnable removal) {
        for (int attempt = 1; ; attempt++) {
            try {
                EngineFaults.ignoringGone(removal);
                return;
            } catch (ConflictException stillInUse) {
                if (attempt == REMOVAL_ATTEMPTS) {
                    throw stillInUse;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw stillInUse;
                }
            }
        }
    }

    private static String labelOf(Map<String, String> labels) {
        return labels == null ? null : labels.get(BUILD_LABEL);
    }

    /**
     * Runs a request to the engine and words anything that escapes it as a fault of the backend,
     * naming the engine and what was being done.
     */
    private <T> T engine(String doing, Supplier<T> request) {
        try {
            return request.get();
        } catch (BuildBackendException | IllegalArgumentException e) {
            throw e;
        } catch (DockerException e) {
            throw new BuildBackendException("the engine at " + host + " refused " + doing + ": "
                    + EngineFaults.rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new BuildBackendException("the engine at " + host + " did not answer while " + doing + ": "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    /** Closes the connections to the engine when the context closes. */
    @Override
    public void close() throws IOException {
        probeHttp.close();
        workHttp.close();
    }
}
