package dev.slipway.execution.application.port.out;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@link BuildBackend#setup} prepares for one build.
 *
 * @param buildId   the build
 * @param labels    labels for the network and the volume, besides the build label the backend adds
 * @param workspace the checked-out repository; the backend copies it into the build's workspace
 *                  volume as a tar stream, never through a host bind mount
 */
public record BuildSetup(UUID buildId, Map<String, String> labels, BuildContext workspace) {

    public BuildSetup {
        Objects.requireNonNull(buildId, "buildId");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(workspace, "workspace");
    }
}
