package dev.slipway.execution.adapter.out.docker;

import dev.slipway.execution.application.port.out.BuildBackendException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands out one subnet of a configured range to each build, so that build networks never come from
 * the engine's default address pools (about 30 networks on this engine) and one build's containers
 * never share a bridge with another's.
 *
 * <p>Pure and thread-safe: it knows the subnets it handed out, and each call is told which ones the
 * engine already uses, since other executors and other programs create networks on the same engine.
 * A subnet that overlaps any of those is skipped. Allocation is next-fit from where the last one
 * ended, so a subnet just released is the last to be handed out again, while the engine may still
 * be tearing its network down.
 */
final class SubnetAllocator {

    private final Subnet range;
    private final int prefix;
    private final long count;
    private final Map<UUID, Subnet> allocated = new HashMap<>();
    private long next;

    /**
     * @param range  the addresses build networks may use, such as {@code 10.213.0.0/16}
     * @param prefix the length of each build's subnet, such as 26 (64 addresses, 61 containers)
     */
    SubnetAllocator(Subnet range, int prefix) {
        if (prefix < range.prefix() || prefix > 30) {
            throw new IllegalArgumentException("a build's subnet prefix must lie between the range's ("
                    + range.prefix() + ") and 30, was " + prefix);
        }
        this.range = range;
        this.prefix = prefix;
        this.count = 1L << (prefix - range.prefix());
    }

    /**
     * A free subnet for {@code buildId}, which then holds it until {@link #release}; a subnet it held
     * already is released first.
     *
     * @param inUseOnEngine the subnets of the networks the engine has now, of any size, in or out of the range
     * @throws BuildBackendException when every subnet of the range is taken
     */
    synchronized Subnet allocate(UUID buildId, Collection<Subnet> inUseOnEngine) {
        allocated.remove(buildId);
        for (long tried = 0; tried < count; tried++) {
            long index = (next + tried) % count;
            Subnet candidate = range.child(prefix, index);
            if (free(candidate, inUseOnEngine)) {
                allocated.put(buildId, candidate);
                next = (index + 1) % count;
                return candidate;
            }
        }
        long foreign = inUseOnEngine.stream().filter(range::overlaps)
                .filter(subnet -> !allocated.containsValue(subnet)).count();
        throw new BuildBackendException("no free /" + prefix + " subnet is left in " + range + " for build "
                + buildId + ": its " + count + " subnets are taken, " + allocated.size()
                + " by this executor's builds and the rest by " + foreign + " other network(s) on the engine."
                + " Widen slipway.execution.network.subnet-range, or lengthen slipway.execution.network.subnet-prefix");
    }

    /** Gives back the subnet {@code buildId} holds, if any. */
    synchronized void release(UUID buildId) {
        allocated.remove(buildId);
    }

    /** The subnet {@code buildId} holds, if any. */
    synchronized Optional<Subnet> allocatedTo(UUID buildId) {
        return Optional.ofNullable(allocated.get(buildId));
    }

    /** How many subnets the range holds. */
    long capacity() {
        return count;
    }

    private boolean free(Subnet candidate, Collection<Subnet> inUseOnEngine) {
        for (Subnet held : allocated.values()) {
            if (held.overlaps(candidate)) {
                return false;
            }
        }
        for (Subnet used : inUseOnEngine) {
            if (used.overlaps(candidate)) {
                return false;
            }
        }
        return true;
    }
}
