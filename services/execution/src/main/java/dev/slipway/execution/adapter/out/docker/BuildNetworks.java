package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import dev.slipway.execution.application.port.out.BuildBackendException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates each build's own bridge network, on a subnet of the configured range. The engine is
 * asked which subnets its networks use before each allocation; when another executor on the same
 * engine took the chosen subnet in between, the engine refuses with "Pool overlaps", and the
 * next free subnet is tried.
 */
final class BuildNetworks {

    /** The name of every build network starts with this, followed by the build id. */
    static final String PREFIX = "slipway-";

    private static final int ATTEMPTS = 8;

    private final DockerClient docker;
    private final SubnetAllocator subnets;

    BuildNetworks(DockerClient docker, SubnetAllocator subnets) {
        this.docker = docker;
        this.subnets = subnets;
    }

    /** The network name of build {@code buildId}. */
    static String name(UUID buildId) {
        return PREFIX + buildId;
    }

    /** The build whose network {@code network} is, if this backend named it. */
    static Optional<UUID> buildOf(String network) {
        if (network == null || !network.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(network.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes a free subnet of the range for the build, before anything is created for it.
     *
     * @throws BuildBackendException when no subnet of the range is free
     */
    Subnet reserve(UUID buildId) {
        return subnets.allocate(buildId, subnetsOnEngine());
    }

    /**
     * Creates the build's network with {@code labels} on the subnet {@link #reserve} gave it, or on
     * the next free one when another executor took that one first.
     *
     * @return the subnet it has
     * @throws BuildBackendException when the engine refuses, or no subnet of the range is free
     */
    Subnet create(UUID buildId, Map<String, String> labels, Subnet reserved) {
        List<Subnet> refused = new ArrayList<>();
        Subnet subnet = reserved;
        for (int attempt = 1; ; attempt++) {
            try {
                docker.createNetworkCmd()
                        .withName(name(buildId))
                        .withDriver("bridge")
                        .withCheckDuplicate(true)
                        .withLabels(labels)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet.toString())))
                        .exec();
                return subnet;
            } catch (DockerException e) {
                String message = EngineFaults.rootMessage(e);
                if (message.contains("overlaps") && attempt < ATTEMPTS) {
                    refused.add(subnet);
                    List<Subnet> taken = new ArrayList<>(subnetsOnEngine());
                    taken.addAll(refused);
                    subnet = subnets.allocate(buildId, taken);
                    continue;
                }
                subnets.release(buildId);
                throw new BuildBackendException("the engine refused network " + name(buildId) + " on " + subnet
                        + ": " + message, e);
            } catch (RuntimeException e) {
                subnets.release(buildId);
                throw e;
            }
        }
    }

    /** Gives the build's subnet back to the range, once its network is gone. */
    void release(UUID buildId) {
        subnets.release(buildId);
    }

    /** The IPv4 subnets of every network on the engine, whoever made it. */
    List<Subnet> subnetsOnEngine() {
        List<Subnet> used = new ArrayList<>();
        for (Network network : docker.listNetworksCmd().exec()) {
            Network.Ipam ipam = network.getIpam();
            if (ipam == null || ipam.getConfig() == null) {
                continue;
            }
            ipam.getConfig().stream()
                    .filter(Objects::nonNull)
                    .map(config -> Subnet.tryParse(config.getSubnet()))
                    .flatMap(Optional::stream)
                    .forEach(used::add);
        }
        return used;
    }
}
