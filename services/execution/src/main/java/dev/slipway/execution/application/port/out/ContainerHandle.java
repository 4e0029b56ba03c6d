package dev.slipway.execution.application.port.out;

import java.util.Objects;
import java.util.UUID;

/**
 * A container that {@link BuildBackend#startStep} started.
 *
 * @param buildId     its build
 * @param containerId the engine's id
 * @param name        the step or service it runs
 */
public record ContainerHandle(UUID buildId, String containerId, String name) {

    public ContainerHandle {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(name, "name");
    }
}
