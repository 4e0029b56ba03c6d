package dev.slipway.execution.testing;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.execution.application.port.out.BuildBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a build left on the engine: its containers, networks and volumes, found by the build label. */
public final class EngineLeftovers {

    private EngineLeftovers() {
    }

    /** Every container (running or not), network and volume labelled for {@code buildId}, in words. */
    public static List<String> of(DockerClient docker, UUID buildId) {
        String label = BuildBackend.BUILD_LABEL + "=" + buildId;
        List<String> found = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()
                .forEach(c -> found.add("container " + c.getId()));
        docker.listNetworksCmd().withFilter("label", List.of(label)).exec().forEach(n -> found.add("network " + n.getId()));
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(v -> found.add("volume " + v.getName()));
        }
        return found;
    }
}
