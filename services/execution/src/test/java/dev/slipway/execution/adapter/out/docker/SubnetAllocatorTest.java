package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.execution.application.port.out.BuildBackendException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SubnetAllocatorTest {

    private final SubnetAllocator allocator = new SubnetAllocator(Subnet.parse("10.213.0.0/24"), 26);

    @Test
    void handsOutDistinctSubnetsOfTheRangeInOrder() {
        // Verifies the plain case: four /26 of a /24, one per build, in address order.
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handedOut.add(allocator.allocate(UUID.randomUUID(), List.of()).toString());
        }

        assertThat(handedOut).containsExactly("10.213.0.0/26", "10.213.0.64/26", "10.213.0.128/26", "10.213.0.192/26");
        assertThat(allocator.capacity()).isEqualTo(4);
    }

    @Test
    void skipsSubnetsThatNetworksOnTheEngineOverlap() {
        // Verifies that the engine's own networks are avoided, whether they are the same size, larger or smaller.
        UUID build = UUID.randomUUID();

        Subnet subnet = allocator.allocate(build, List.of(Subnet.parse("10.213.0.0/26"), Subnet.parse("10.213.0.64/27"),
                Subnet.parse("172.17.0.0/16")));
        assertThat(subnet).hasToString("10.213.0.128/26");

        SubnetAllocator wide = new SubnetAllocator(Subnet.parse("10.213.0.0/16"), 26);
        assertThat(wide.allocate(build, List.of(Subnet.parse("10.213.0.0/23")))).hasToString("10.213.2.0/26");
    }

    @Test
    void saysClearlyWhenTheRangeIsExhaustedAndRecoversOnRelease() {
        // Verifies exhaustion: a fault that names the range and the settings to change, then a release makes room.
        List<UUID> builds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID build = UUID.randomUUID();
            builds.add(build);
            allocator.allocate(build, List.of());
        }
        UUID late = UUID.randomUUID();

        assertThatThrownBy(() -> allocator.allocate(late, List.of(Subnet.parse("10.213.0.192/26"))))
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining("no free /26 subnet is left in 10.213.0.0/24 for build " + late)
                .hasMessageContaining("3 by this executor's builds and the rest by 1 other network(s) on the engine")
                .hasMessageContaining("slipway.execution.network.subnet-range");

        allocator.release(builds.get(1));
        assertThat(allocator.allocate(late, List.of(Subnet.parse("10.213.0.192/26")))).hasToString("10.213.0.64/26");
        assertThat(allocator.allocatedTo(late)).map(Subnet::toString).contains("10.213.0.64/26");
    }

    @Test
    void handsOutAReleasedSubnetLast() {
        // Verifies next-fit: the subnet of a network just removed is not reused while others are free.
        UUID first = UUID.randomUUID();
        Subnet released = allocator.allocate(first, List.of());
        allocator.release(first);

        assertThat(allocator.allocate(UUID.randomUUID(), List.of())).isNotEqualTo(released);
        assertThat(allocator.allocatedTo(first)).isEmpty();
    }

    @Test
    void aBuildThatAllocatesAgainHoldsOnlyItsNewSubnet() {
        // Verifies that a retry (its network refused the first subnet) does not leak the first one.
        UUID build = UUID.randomUUID();
        Subnet refused = allocator.allocate(build, List.of());

        Subnet retried = allocator.allocate(build, List.of(refused));

        assertThat(retried).isNotEqualTo(refused);
        assertThat(allocator.allocatedTo(build)).contains(retried);
        for (int i = 0; i < 3; i++) {
            allocator.allocate(UUID.randomUUID(), List.of());
        }
    }

    @Test
    void refusesAPrefixOutsideTheRange() {
        // Verifies the configuration check: a build's subnet cannot be wider than the range, nor narrower than /30.
        assertThatThrownBy(() -> new SubnetAllocator(Subnet.parse("10.213.0.0/16"), 12))
                .hasMessageContaining("between the range's (16) and 30, was 12");
        assertThatThrownBy(() -> new SubnetAllocator(Subnet.parse("10.213.0.0/16"), 31))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverHandsTheSameSubnetToTwoBuildsAcrossThreads() throws Exception {
        // Verifies thread-safety: 8 threads allocating all 1024 subnets of a /16 at once get 1024 distinct ones.
        SubnetAllocator wide = new SubnetAllocator(Subnet.parse("10.213.0.0/16"), 26);
        Set<Subnet> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 128; i++) {
                        seen.add(wide.allocate(UUID.randomUUID(), List.of()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> done : work) {
                done.get();
            }
        }

        assertThat(seen).hasSize(1024);
        assertThat(new HashSet<>(seen)).allMatch(Subnet.parse("10.213.0.0/16")::contains);
        assertThatThrownBy(() -> wide.allocate(UUID.randomUUID(), List.of())).isInstanceOf(BuildBackendException.class);
    }
}
