package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

    private static final UUID BUILD = UUID.fromString("7c1e0b7a-1d5f-4a7e-9a53-2f3f8d2e4c11");
    private static final BuildResources RESOURCES = new BuildResources("slipway-" + BUILD, "10.213.0.64/26",
            "slipway-" + BUILD + "-workspace");

    @Test
    void mapsAStepToItsImageCommandEnvironmentWorkspaceAndNetworkAlias() {
        // Verifies a plain step: command, sorted environment, working dir, workspace volume mount, network and alias.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.STEP, "test", "sha256:abc", List.of("sh", "-c", "make test"),
                Map.of("GOFLAGS", "-mod=vendor", "API_TOKEN", "s3cret"), Optional.of("/workspace"), true,
                Map.of(BuildBackend.STEP_LABEL, "test"), Map.of(), Optional.empty(), false, OptionalLong.empty());

        ContainerSettings settings = ContainerSettings.of(BUILD, RESOURCES, spec);

        assertThat(settings.image()).isEqualTo("sha256:abc");
        assertThat(settings.command()).containsExactly("sh", "-c", "make test");
        assertThat(settings.environment()).containsExactly("API_TOKEN=s3cret", "GOFLAGS=-mod=vendor");
        assertThat(settings.workingDir()).isEqualTo("/workspace");
        assertThat(settings.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                BuildBackend.BUILD_LABEL, BUILD.toString(), BuildBackend.STEP_LABEL, "test"));
        assertThat(settings.hostConfig().getNetworkMode()).isEqualTo(RESOURCES.network());
        assertThat(settings.hostConfig().getMounts()).containsExactly(new Mount().withType(MountType.VOLUME)
                .withSource(RESOURCES.workspace()).withTarget("/workspace"));
        assertThat(settings.hostConfig().getBinds()).isNullOrEmpty();
        assertThat(settings.hostConfig().getSysctls()).isNull();
        assertThat(settings.hostConfig().getMemory()).isNull();
        assertThat(settings.hostConfig().getMemorySwap()).isNull();
        assertThat(settings.hostConfig().getLogConfig()).isEqualTo(new LogConfig(LogConfig.LoggingType.NONE, Map.of()));
        assertThat(ContainerSettings.of(BUILD, RESOURCES, spec, true).hostConfig().getLogConfig())
                .isEqualTo(new LogConfig(LogConfig.LoggingType.LOCAL, Map.of("compress", "false")));
        assertThat(settings.aliases()).containsExactly("test");
        assertThat(settings.healthcheck()).isNull();
        assertThat(settings.toString()).doesNotContain("s3cret").contains("2 variable(s)");
    }

    @Test
    void mapsAServiceWithSysctlsAndAHealthCheckRunWithoutAShell() {
        // Verifies a service: sysctls as given, no workspace, and the health check as CMD with durations in nanoseconds.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.SERVICE, "db", "postgres:17", List.of(), Map.of(),
                Optional.empty(), false, Map.of(), Map.of("net.core.somaxconn", "1024", "kernel.shmmax", "68719476736"),
                Optional.of(new ContainerSpec.Healthcheck(List.of("pg_isready", "-U", "postgres"), Duration.ofSeconds(2),
                        Duration.ofMillis(1500), 5)), false, OptionalLong.empty());

        ContainerSettings settings = ContainerSettings.of(BUILD, RESOURCES, spec);

        assertThat(settings.command()).isEmpty();
        assertThat(settings.workingDir()).isNull();
        assertThat(settings.hostConfig().getMounts()).isNull();
        assertThat(settings.hostConfig().getSysctls()).containsExactlyInAnyOrderEntriesOf(
                Map.of("net.core.somaxconn", "1024", "kernel.shmmax", "68719476736"));
        assertThat(settings.aliases()).containsExactly("db");
        assertThat(settings.healthcheck()).isEqualTo(new HealthCheck()
                .withTest(List.of("CMD", "pg_isready", "-U", "postgres"))
                .withInterval(2_000_000_000L)
                .withTimeout(1_500_000_000L)
                .withRetries(5));
    }

    @Test
    void putsAHostNetworkStepOnTheHostWithoutAlias() {
        // Verifies hostNetwork: the host's network mode, and no alias, since the host network has no names.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.STEP, "bench", "busybox:latest", List.of("true"),
                Map.of(), Optional.empty(), true, Map.of(), Map.of(), Optional.empty(), true, OptionalLong.empty());

        ContainerSettings settings = ContainerSettings.of(BUILD, RESOURCES, spec);

        assertThat(settings.hostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(settings.aliases()).isEmpty();
        assertThat(settings.hostConfig().getMounts()).hasSize(1);
    }

    @Test
    void aMemoryLimitIsTheContainersMemoryAndItsMemoryPlusSwapSoThatItNeverSwaps() {
        // Verifies the memory mapping: the limit in bytes as Memory, and the same as MemorySwap (memory plus swap), so
        // that a container past it is killed for memory rather than moved to swap.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.STEP, "build", "busybox:latest", List.of("make"),
                Map.of(), Optional.empty(), true, Map.of(), Map.of(), Optional.empty(), false,
                OptionalLong.of(2L << 30));

        HostConfig host = ContainerSettings.of(BUILD, RESOURCES, spec).hostConfig();

        assertThat(host.getMemory()).isEqualTo(2L << 30);
        assertThat(host.getMemorySwap()).isEqualTo(2L << 30);
    }

    @Test
    void keepsTheBackendsBuildLabelWhateverTheSpecSays() {
        // Verifies that a spec cannot pass its container off as another build's, which destroy would then miss.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.STEP, "sneaky", "busybox:latest", List.of(), Map.of(),
                Optional.empty(), false, Map.of(BuildBackend.BUILD_LABEL, UUID.randomUUID().toString()), Map.of(),
                Optional.empty(), false, OptionalLong.empty());

        assertThat(ContainerSettings.of(BUILD, RESOURCES, spec).labels())
                .containsEntry(BuildBackend.BUILD_LABEL, BUILD.toString());
    }

    @Test
    void leavesTheImagesOwnCheckWhenTheSpecsHasNoCommand() {
        // Verifies that a health check without a command is not sent, rather than sent as an empty test.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.SERVICE, "cache", "redis:7", List.of(), Map.of(),
                Optional.empty(), false, Map.of(), Map.of(),
                Optional.of(new ContainerSpec.Healthcheck(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 3)),
                false, OptionalLong.empty());

        assertThat(ContainerSettings.of(BUILD, RESOURCES, spec).healthcheck()).isNull();
    }

    @Test
    void putsEverySettingOnTheCreateCommand() {
        // Verifies applyTo: the docker-java command carries what the settings say, as the engine will receive it.
        ContainerSpec spec = new ContainerSpec(ContainerSpec.Role.SERVICE, "web", "sha256:def", List.of("httpd", "-f"),
                Map.of("PORT", "8080"), Optional.of("/srv"), true, Map.of("team", "a"), Map.of("net.core.somaxconn", "512"),
                Optional.of(new ContainerSpec.Healthcheck(List.of("wget", "-q", "localhost:8080"), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), 3)), false, OptionalLong.empty());
        ContainerSettings settings = ContainerSettings.of(BUILD, RESOURCES, spec);

        CreateContainerCmd create = settings.applyTo(new CreateContainerCmdImpl(command -> null, null, settings.image()));

        assertThat(create.getImage()).isEqualTo("sha256:def");
        assertThat(create.getCmd()).containsExactly("httpd", "-f");
        assertThat(create.getEnv()).containsExactly("PORT=8080");
        assertThat(create.getWorkingDir()).isEqualTo("/srv");
        assertThat(create.getLabels()).isEqualTo(settings.labels());
        assertThat(create.getHostConfig()).isEqualTo(settings.hostConfig());
        assertThat(create.getAliases()).containsExactly("web");
        assertThat(create.getHealthcheck()).isEqualTo(settings.healthcheck());
    }
}
