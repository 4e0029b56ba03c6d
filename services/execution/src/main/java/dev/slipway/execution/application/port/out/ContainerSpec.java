package dev.slipway.execution.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One container to start for a build: a step or a service. Made by a pure function from the plan
 * (see the domain's step mapping), so that what a container gets can be tested without an engine.
 *
 * @param role          whether it is a step (runs to its end) or a service (runs until the build ends)
 * @param name          the step's or service's name in the pipeline; services are reachable by it on
 *                      the build's network
 * @param image         an image id ({@code sha256:...}) for images the build made, or a reference
 *                      for images it uses as they are
 * @param command       the command, such as {@code [sh, -c, make test]}; empty for the image's own
 * @param environment   variables, secrets' values included; the backend never logs them
 * @param workingDir    the working directory, or empty for the image's own
 * @param mountWorkspace whether the build's workspace volume is mounted at
 *                      {@link BuildResources#WORKSPACE_PATH}
 * @param labels        labels besides the build label the backend adds
 * @param sysctls       kernel parameters, as the plan gives them (the lint checked the keys)
 * @param healthcheck   a service's health check, awaited by {@link BuildBackend#awaitHealthy}
 * @param hostNetwork   whether the container uses the host's network instead of the build's
 * @param memoryLimit   the memory, in bytes, that the container may use, swap included (a container
 *                      past it is killed, which {@link StepExit.Exited#oomKilled()} reports); empty
 *                      for no limit
 */
public record ContainerSpec(Role role, String name, String image, List<String> command, Map<String, String> environment,
                            Optional<String> workingDir, boolean mountWorkspace, Map<String, String> labels,
                            Map<String, String> sysctls, Optional<Healthcheck> healthcheck, boolean hostNetwork,
                            OptionalLong memoryLimit) {

    public ContainerSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDir, "workingDir");
        labels = Map.copyOf(labels);
        sysctls = Map.copyOf(sysctls);
        Objects.requireNonNull(healthcheck, "healthcheck");
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        if (memoryLimit.isPresent() && memoryLimit.getAsLong() <= 0) {
            throw new IllegalArgumentException("a memory limit must be positive, was " + memoryLimit.getAsLong());
        }
    }

    /** What a container is for. */
    public enum Role { STEP, SERVICE }

    /** A command run inside the container until it exits 0, every {@code interval}, at most {@code retries} times. */
    public record Healthcheck(List<String> command, Duration interval, Duration timeout, int retries) {
        public Healthcheck {
            command = List.copyOf(command);
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Never prints the environment: it holds secrets' values. */
    @Override
    public String toString() {
        return role + " " + name + " (" + image + ")";
    }
}
