package dev.slipway.execution.application.port.out;

import java.util.Objects;

/**
 * What {@link BuildBackend#setup} created for a build; every container of the build joins the
 * network and mounts the volume.
 *
 * @param network   the build's own network, such as {@code slipway-7c1e...}
 * @param subnet    the subnet the executor allocated to it, such as {@code 10.208.3.64/26}
 * @param workspace the volume that holds the repository at the build's commit
 */
public record BuildResources(String network, String subnet, String workspace) {

    /** Where the workspace volume is mounted in every step container, and the steps' working directory. */
    public static final String WORKSPACE_PATH = "/workspace";

    public BuildResources {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(workspace, "workspace");
    }
}
