package dev.slipway.execution.adapter.out.docker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where build networks take their addresses from, under {@code slipway.execution.network}. Each
 * build's network gets a subnet of its own from this range, so that networks never come from the
 * engine's default address pools, which run out at about 30 networks.
 *
 * @param subnetRange  the IPv4 range in CIDR notation; it must not overlap networks the machine
 *                     routes elsewhere
 * @param subnetPrefix the length of each build's subnet: 26 gives 64 addresses (61 containers) and,
 *                     in a {@code /16}, 1,024 builds at once
 */
@ConfigurationProperties("slipway.execution.network")
record NetworkProperties(@DefaultValue("10.213.0.0/16") String subnetRange,
                         @DefaultValue("26") int subnetPrefix) {

    /** The defaults. */
    static NetworkProperties defaults() {
        return new NetworkProperties("10.213.0.0/16", 26);
    }

    /** The allocator these settings describe; refuses a range or prefix that makes no sense. */
    SubnetAllocator allocator() {
        return new SubnetAllocator(Subnet.parse(subnetRange), subnetPrefix);
    }
}
