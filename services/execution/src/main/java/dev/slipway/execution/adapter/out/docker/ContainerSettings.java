package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the engine is asked to create for one step or service: the pure mapping from a
 * {@link ContainerSpec}, with the build's network and volume, to docker-java's create settings.
 *
 * <ul>
 *   <li>The container joins the build's network with the spec's name as its alias, which is how
 *       steps reach services by name; with {@code hostNetwork} it joins the host's network and has
 *       no alias, since the host network has no names.</li>
 *   <li>The workspace volume is mounted at {@link BuildResources#WORKSPACE_PATH} as a volume
 *       mount, never a bind mount of a host path.</li>
 *   <li>The build label is always the backend's own, whatever the spec's labels say.</li>
 *   <li>A health check runs its command directly ({@code CMD}, not through a shell); one without a
 *       command leaves the image's own check in place.</li>
 *   <li>A memory limit is the container's memory and its memory plus swap alike, so that a
 *       container past it is killed for memory rather than swapping; without one, neither is set.</li>
 *   <li>The environment is sorted, so that the same spec always gives the same settings.</li>
 *   <li>The engine keeps no log of the container ({@link #NO_ENGINE_LOG}): Slipway reads the
 *       output from the streams it attaches before the start, and the engine's default,
 *       {@code json-file}, writing every line again as a JSON object, cost the engine about twice
 *       the CPU for a step that prints a million lines, and left its secrets unmasked on the
 *       engine's disk. Only a container that could not be attached is created again with a log
 *       ({@link #ENGINE_LOG}, the {@code local} driver with rotated files left uncompressed), to
 *       read its output from there.</li>
 * </ul>
 *
 * @param workingDir  the working directory, or {@code null} for the image's own
 * @param command     the command, empty for the image's own
 * @param aliases     the container's names on the build's network
 * @param healthcheck the health check, or {@code null} for the image's own
 */
record ContainerSettings(String image, List<String> command, List<String> environment, String workingDir,
                         Map<String, String> labels, HostConfig hostConfig, List<String> aliases,
                         HealthCheck healthcheck) {

    /** The network mode that puts a container in the host's network namespace. */
    static final String HOST_NETWORK = "host";

    /** A container whose output is read from its attached streams: the engine keeps no log of it. */
    static final LogConfig NO_ENGINE_LOG = new LogConfig(LogConfig.LoggingType.NONE, Map.of());

    /**
     * A container whose output must be read from the engine's log, since it could not be attached:
     * the {@code local} driver, rotated files left uncompressed.
     */
    static final LogConfig ENGINE_LOG = new LogConfig(LogConfig.LoggingType.LOCAL, Map.of("compress", "false"));

    /**
     * The settings for {@code spec}, a container of build {@code buildId} that {@code resources} were
     * set up for, whose output is read from its attached streams.
     */
    static ContainerSettings of(UUID buildId, BuildResources resources, ContainerSpec spec) {
        return of(buildId, resources, spec, false);
    }

    /**
     * The settings for {@code spec}, with the engine keeping a log of its output when
     * {@code engineKeepsLog}, for a container whose streams could not be attached.
     */
    static ContainerSettings of(UUID buildId, BuildResources resources, ContainerSpec spec, boolean engineKeepsLog) {
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.put(BuildBackend.BUILD_LABEL, buildId.toString());

        List<String> environment = spec.environment().entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue())
                .sorted()
                .toList();

        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.hostNetwork() ? HOST_NETWORK : resources.network())
                .withLogConfig(copy(engineKeepsLog ? ENGINE_LOG : NO_ENGINE_LOG));
        if (spec.mountWorkspace()) {
            host.withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(resources.workspace())
                    .withTarget(BuildResources.WORKSPACE_PATH)));
        }
        if (!spec.sysctls().isEmpty()) {
            host.withSysctls(new HashMap<>(spec.sysctls()));
        }
        spec.memoryLimit().ifPresent(bytes -> host.withMemory(bytes).withMemorySwap(bytes));

        return new ContainerSettings(spec.image(), spec.command(), environment, spec.workingDir().orElse(null),
                Map.copyOf(labels), host, spec.hostNetwork() ? List.of() : List.of(spec.name()),
                spec.healthcheck().filter(check -> !check.command().isEmpty()).map(ContainerSettings::healthcheck)
                        .orElse(null));
    }

    ContainerSettings {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        labels = Map.copyOf(labels);
        aliases = List.copyOf(aliases);
    }

    /** Puts these settings on a create command; the command's image is already {@link #image()}. */
    CreateContainerCmd applyTo(CreateContainerCmd create) {
        create.withLabels(new HashMap<>(labels))
                .withEnv(new ArrayList<>(environment))
                .withHostConfig(hostConfig);
        if (!command.isEmpty()) {
            create.withCmd(new ArrayList<>(command));
        }
        if (workingDir != null) {
            create.withWorkingDir(workingDir);
        }
        if (!aliases.isEmpty()) {
            create.withAliases(new ArrayList<>(aliases));
        }
        if (healthcheck != null) {
            create.withHealthcheck(healthcheck);
        }
        return create;
    }

    /** Never prints the environment: it holds secrets' values. */
    @Override
    public String toString() {
        return "ContainerSettings[" + image + " " + command + ", " + environment.size() + " variable(s), network "
                + hostConfig.getNetworkMode() + "]";
    }

    private static LogConfig copy(LogConfig config) {
        return new LogConfig(config.getType(), new HashMap<>(config.getConfig()));
    }

    private static HealthCheck healthcheck(ContainerSpec.Healthcheck check) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(check.command());
        return new HealthCheck()
                .withTest(test)
                .withInterval(nanos(check.interval()))
                .withTimeout(nanos(check.timeout()))
                .withRetries(check.retries());
    }

    private static Long nanos(Duration duration) {
        return duration.toNanos();
    }
}
