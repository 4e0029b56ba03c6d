package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Network;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.StepExit;
import dev.slipway.testkit.docker.RequiresDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@RequiresDocker
class DockerBuildNetworksTest {

    private static final Logger log = LoggerFactory.getLogger(DockerBuildNetworksTest.class);
    private static final Subnet DEFAULT_RANGE = Subnet.parse(NetworkProperties.defaults().subnetRange());

    @TempDir
    Path temp;
    private EngineBuilds engine;

    @AfterEach
    void destroyTheTestsBuilds() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void givesEachBuildItsOwnLabelledNetworkOnASubnetOfTheRange() throws Exception {
        // Verifies setup's network: named for the build, labelled, a bridge with the allocated /26 of the configured range.
        engine = new EngineBuilds();
        UUID build = engine.newBuild();

        BuildResources resources = engine.setup(build, EngineBuilds.workspace(temp, "README.md", "hello\n"));

        Network network = engine.docker.inspectNetworkCmd().withNetworkId(resources.network()).exec();
        assertThat(network.getName()).isEqualTo("slipway-" + build);
        assertThat(network.getLabels()).containsEntry(BuildBackend.BUILD_LABEL, build.toString())
                .containsEntry("dev.slipway.test", "execution-docker");
        assertThat(network.getIpam().getConfig()).extracting(Network.Ipam.Config::getSubnet)
                .containsExactly(resources.subnet());
        Subnet subnet = Subnet.parse(resources.subnet());
        assertThat(subnet.prefix()).isEqualTo(26);
        assertThat(DEFAULT_RANGE.contains(subnet)).isTrue();
        assertThat(engine.docker.inspectVolumeCmd(resources.workspace()).exec().getLabels())
                .containsEntry(BuildBackend.BUILD_LABEL, build.toString());
        assertThat(engine.backend.buildsWithLeftovers()).contains(build);
    }

    @Test
    void fillsTheWorkspaceVolumeFromATarStreamWithModesKept() throws Exception {
        // Verifies the workspace: files and an executable script reach /workspace of a step through the volume.
        engine = new EngineBuilds();
        Path workspace = EngineBuilds.workspace(temp, "hello.txt", "hello from the repository\n");
        Files.createDirectories(workspace.resolve("scripts"));
        Path script = Files.writeString(workspace.resolve("scripts/check.sh"), "#!/bin/sh\necho \"script ran in $PWD\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        UUID build = engine.newBuild();
        BuildResources resources = engine.setup(build, workspace);
        List<String> lines = new CopyOnWriteArrayList<>();

        ContainerHandle step = engine.backend.startStep(resources,
                EngineBuilds.step("read", "busybox:latest", "cat hello.txt && ./scripts/check.sh"));
        engine.backend.tailStep(step, lines::add);

        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(30))).isEqualTo(new StepExit.Exited(0, false));
        assertThat(lines).containsExactly("hello from the repository", "script ran in /workspace");
    }

    @Test
    void fiftyBuildsInARowLeaveNothingBehind() throws Exception {
        // Verifies clean-up over many builds: 50 setups and destroys leave no container, network or volume of theirs,
        // and log the time each took.
        engine = new EngineBuilds();
        Path workspace = EngineBuilds.workspace(temp, "README.md", "hello\n");
        List<UUID> builds = new ArrayList<>();
        LongSummaryStatistics setups = new LongSummaryStatistics();
        LongSummaryStatistics destroys = new LongSummaryStatistics();
        for (int i = 0; i < 50; i++) {
            UUID build = engine.newBuild();
            builds.add(build);
            long started = System.nanoTime();
            engine.setup(build, workspace);
            long setUp = System.nanoTime();
            engine.backend.destroy(build);
            long destroyed = System.nanoTime();
            setups.accept((setUp - started) / 1_000_000);
            destroys.accept((destroyed - setUp) / 1_000_000);
        }
        log.info("50 builds: setup (network + filled workspace volume) min/avg/max {}/{}/{} ms; destroy {}/{}/{} ms",
                setups.getMin(), Math.round(setups.getAverage()), setups.getMax(),
                destroys.getMin(), Math.round(destroys.getAverage()), destroys.getMax());

        for (UUID build : builds) {
            assertThat(engine.leftovers(build)).as("left by build " + build).isEmpty();
        }
        assertThat(engine.backend.buildsWithLeftovers()).doesNotContainAnyElementsOf(builds);
    }

    @Test
    void holdsMoreBuildNetworksAtOnceThanTheEnginesDefaultPools() throws Exception {
        // Verifies explicit subnets: 40 networks at once (the default pools stop at 30), on distinct subnets,
        // then all destroyed, twice over, with no leftover.
        engine = new EngineBuilds();
        Path workspace = EngineBuilds.workspace(temp, "README.md", "hello\n");
        List<UUID> builds = new ArrayList<>();
        Set<String> subnets = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            UUID build = engine.newBuild();
            builds.add(build);
            subnets.add(engine.setup(build, workspace).subnet());
        }

        assertThat(subnets).hasSize(40).allMatch(subnet -> DEFAULT_RANGE.contains(Subnet.parse(subnet)));
        for (UUID build : builds) {
            engine.backend.destroy(build);
            engine.backend.destroy(build);
        }
        for (UUID build : builds) {
            assertThat(engine.leftovers(build)).as("left by build " + build).isEmpty();
        }
    }

    @Test
    void saysSoWhenTheRangeHasNoFreeSubnetAndFreesOnesOnDestroy() throws Exception {
        // Verifies exhaustion on the engine: a range of two /29 takes two builds, refuses a third in words that name
        // the range, and takes it once one build is destroyed.
        engine = new EngineBuilds(DockerProperties.defaults(null), new NetworkProperties("10.213.255.240/28", 29));
        Path workspace = EngineBuilds.workspace(temp, "README.md", "hello\n");
        UUID first = engine.newBuild();
        engine.setup(first, workspace);
        engine.setup(engine.newBuild(), workspace);
        UUID third = engine.newBuild();

        assertThatThrownBy(() -> engine.setup(third, workspace))
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining("no free /29 subnet is left in 10.213.255.240/28 for build " + third);
        assertThat(engine.leftovers(third)).isEmpty();

        engine.backend.destroy(first);
        assertThat(Subnet.parse("10.213.255.240/28").contains(Subnet.parse(engine.setup(third, workspace).subnet())))
                .isTrue();
    }

    @Test
    void movesToTheNextSubnetWhenAnotherExecutorTookTheReservedOneFirst() {
        // Verifies the race between executors on one engine: the subnet reserved is taken by another network before
        // the build's network is created; the engine refuses it as overlapping, and the build gets the next free one.
        engine = new EngineBuilds();
        BuildNetworks networks = new BuildNetworks(engine.docker, new SubnetAllocator(Subnet.parse("10.214.254.0/24"), 26));
        UUID build = engine.newBuild();
        UUID other = engine.newBuild();
        Subnet reserved = networks.reserve(build);
        engine.docker.createNetworkCmd().withName("slipway-" + other)
                .withLabels(Map.of(BuildBackend.BUILD_LABEL, other.toString()))
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(reserved.toString())))
                .exec();

        Subnet created = networks.create(build, Map.of(BuildBackend.BUILD_LABEL, build.toString()), reserved);

        assertThat(created).isNotEqualTo(reserved);
        assertThat(Subnet.parse("10.214.254.0/24").contains(created)).isTrue();
        assertThat(engine.docker.inspectNetworkCmd().withNetworkId(BuildNetworks.name(build)).exec().getIpam().getConfig())
                .extracting(Network.Ipam.Config::getSubnet).containsExactly(created.toString());
    }

    @Test
    void destroysAPartialSetupAndABuildThatLeftNothing() throws Exception {
        // Verifies destroy after a failed setup (the helper image is missing) and for a build that never existed.
        engine = new EngineBuilds(new DockerProperties(null, Duration.ofSeconds(3), "slipway/no-such-helper:never",
                Duration.ofSeconds(1), Duration.ofMillis(200), ImageBuilder.BUILDKIT, true), NetworkProperties.defaults());
        UUID build = engine.newBuild();

        assertThatThrownBy(() -> engine.setup(build, EngineBuilds.workspace(temp, "README.md", "hello\n")))
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining("slipway/no-such-helper:never")
                .hasMessageContaining("slipway.execution.docker.helper-image");
        assertThat(engine.leftovers(build)).isNotEmpty();

        engine.backend.destroy(build);
        engine.backend.destroy(UUID.randomUUID());

        assertThat(engine.leftovers(build)).isEmpty();
    }
}
