package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.application.port.out.SourceCheckout;
import dev.slipway.execution.application.port.out.WorkspaceCleanupException;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Leftovers;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers, networks and volumes on the engine, and the workspaces on disk, of
 * builds that no executor holds any more: what an executor that was killed, or whose cleanup
 * failed, left behind. The choice is {@link Leftovers#decide}'s; this class asks the engine, the
 * workspaces and the runs, and removes.
 */
public final class LeftoverCleanup {

    private static final Logger log = LoggerFactory.getLogger(LeftoverCleanup.class);

    private final BuildBackend backend;
    private final SourceCheckout workspaces;
    private final RunRepository runs;
    private final LeaseSettings settings;
    private final Clock clock;

    public LeftoverCleanup(BuildBackend backend, SourceCheckout workspaces, RunRepository runs, LeaseSettings settings,
                           Clock clock) {
        this.backend = backend;
        this.workspaces = workspaces;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Looks once and removes what no live lease holds. A build whose objects or workspaces could not
     * be removed is logged and left for the next look; workspaces that cannot be listed are logged
     * and left, and do not keep the engine's leftovers from being removed.
     *
     * @return what was decided for each build that had objects on the engine or workspaces
     * @throws BuildBackendException when the engine could not say which builds have objects
     */
    public Leftovers cleanUp() {
        // The engine and the disk first: a build claimed after this look has a live lease when the runs are read.
        Set<UUID> onEngine = backend.buildsWithLeftovers();
        Set<UUID> withWorkspaces = buildsWithWorkspaces();
        Set<UUID> builds = new HashSet<>(onEngine);
        builds.addAll(withWorkspaces);
        Map<UUID, Lease> leases = runs.leases(builds);
        Leftovers leftovers = Leftovers.decide(builds, leases, clock.instant(), settings.leaseTimeout());
        for (UUID build : leftovers.destroy()) {
            if (onEngine.contains(build)) {
                try {
                    backend.destroy(build);
                    log.info("removed what build {} left on the engine ({})", build, describe(leases.get(build)));
                } catch (BuildBackendException e) {
                    log.warn("could not remove what build {} left on the engine: {}", build, e.getMessage());
                }
            }
            if (withWorkspaces.contains(build)) {
                try {
                    workspaces.removeWorkspaces(build);
                    log.info("removed the workspace that build {} left ({})", build, describe(leases.get(build)));
                } catch (WorkspaceCleanupException e) {
                    log.warn("could not remove the workspace that build {} left: {}", build, e.getMessage());
                }
            }
        }
        if (!leftovers.unknown().isEmpty()) {
            log.info("left alone: objects on the engine or workspaces of {} builds that this installation's runs do "
                    + "not know, such as {}; another Slipway may own them", leftovers.unknown().size(),
                    leftovers.unknown().iterator().next());
        }
        return leftovers;
    }

    private Set<UUID> buildsWithWorkspaces() {
        try {
            return workspaces.buildsWithWorkspaces();
        } catch (WorkspaceCleanupException e) {
            log.warn("could not look for workspaces that earlier builds left: {}", e.getMessage());
            return Set.of();
        }
    }

    private static String describe(Lease lease) {
        return switch (lease.state()) {
            case FINISHED -> "finished";
            case QUEUED -> "queued";
            case RUNNING -> "lost by executor " + lease.executorId() + ", last heard of at " + lease.heartbeatAt();
        };
    }
}
