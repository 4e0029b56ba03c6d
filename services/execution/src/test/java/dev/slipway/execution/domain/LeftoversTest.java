package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeftoversTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final UUID finished = UUID.randomUUID();
    private final UUID queued = UUID.randomUUID();
    private final UUID live = UUID.randomUUID();
    private final UUID lost = UUID.randomUUID();
    private final UUID unknown = UUID.randomUUID();

    @Test
    void removesWhatNoLiveLeaseHoldsAndLeavesBuildsItDoesNotKnow() {
        // Verifies the rule of an executor that starts: finished, queued and lost builds go; held and foreign ones stay.
        Map<UUID, Lease> leases = Map.of(
                finished, new Lease(finished, RunState.FINISHED, "executor-1", NOW.minusSeconds(600), 1),
                queued, new Lease(queued, RunState.QUEUED, null, null, 1),
                live, new Lease(live, RunState.RUNNING, "executor-2", NOW.minusSeconds(5), 1),
                lost, new Lease(lost, RunState.RUNNING, "executor-3", NOW.minusSeconds(31), 1));

        Leftovers leftovers = Leftovers.decide(List.of(finished, queued, live, lost, unknown), leases, NOW, TIMEOUT);

        assertThat(leftovers.destroy()).containsExactlyInAnyOrder(finished, queued, lost);
        assertThat(leftovers.held()).containsExactly(live);
        assertThat(leftovers.unknown()).containsExactly(unknown);
    }

    @Test
    void aRunWithoutObjectsOnTheEngineIsNoConcernOfTheCleanup() {
        // Verifies that only builds the engine named are decided on, whatever runs exist.
        Map<UUID, Lease> leases = Map.of(lost, new Lease(lost, RunState.RUNNING, "executor-3", NOW.minusSeconds(90), 1));

        Leftovers leftovers = Leftovers.decide(List.of(), leases, NOW, TIMEOUT);

        assertThat(leftovers.destroy()).isEmpty();
        assertThat(leftovers.held()).isEmpty();
        assertThat(leftovers.unknown()).isEmpty();
    }

    @Test
    void aLeaseIsLiveUpToItsTimeoutAndLostPastIt() {
        // Verifies the lease's edge: a heartbeat exactly one timeout old still holds, a millisecond older does not.
        assertThat(running(NOW.minus(TIMEOUT)).isLive(NOW, TIMEOUT)).isTrue();
        assertThat(running(NOW.minus(TIMEOUT).minusMillis(1)).isLive(NOW, TIMEOUT)).isFalse();
        assertThat(new Lease(live, RunState.FINISHED, "executor-2", NOW, 1).isLive(NOW, TIMEOUT))
                .as("a finished run is held by nobody, however fresh its last heartbeat").isFalse();
    }

    private Lease running(Instant heartbeatAt) {
        return new Lease(live, RunState.RUNNING, "executor-2", heartbeatAt, 1);
    }
}
