package dev.slipway.execution.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What an executor that starts does with the builds that still have containers, networks or
 * volumes on its engine, or workspaces on its disk: it removes those of every build that no
 * executor holds under a live lease (finished, queued again, or running for a lost executor), and
 * leaves alone those of a build that runs elsewhere and those of builds that this installation's
 * runs do not know, which another Slipway sharing the engine or the disk may own.
 *
 * @param destroy builds whose objects and workspaces are removed
 * @param held    builds that an executor still holds under a live lease
 * @param unknown builds that no run of this installation names
 */
public record Leftovers(Set<UUID> destroy, Set<UUID> held, Set<UUID> unknown) {

    public Leftovers {
        destroy = Set.copyOf(destroy);
        held = Set.copyOf(held);
        unknown = Set.copyOf(unknown);
    }

    /**
     * Sorts {@code buildsWithObjects} by the {@code leases} of the runs known for them, at
     * {@code now}, with leases older than {@code leaseTimeout} taken for lost.
     */
    public static Leftovers decide(Collection<UUID> buildsWithObjects, Map<UUID, Lease> leases, Instant now,
                                   Duration leaseTimeout) {
        Set<UUID> destroy = new TreeSet<>();
        Set<UUID> held = new TreeSet<>();
        Set<UUID> unknown = new TreeSet<>();
        for (UUID build : buildsWithObjects) {
            Lease lease = leases.get(build);
            if (lease == null) {
                unknown.add(build);
            } else if (lease.isLive(now, leaseTimeout)) {
                held.add(build);
            } else {
                destroy.add(build);
            }
        }
        return new Leftovers(destroy, held, unknown);
    }
}
