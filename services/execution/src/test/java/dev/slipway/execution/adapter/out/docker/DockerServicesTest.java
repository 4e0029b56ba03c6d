package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.StepExit;
import dev.slipway.testkit.docker.RequiresDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresDocker
class DockerServicesTest {

    private static final String SHMMAX = "68719476736";

    @TempDir
    Path temp;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private EngineBuilds engine;
    private BuildResources resources;

    @BeforeEach
    void setUpABuild() throws Exception {
        engine = new EngineBuilds();
        resources = engine.setup(engine.newBuild(), EngineBuilds.workspace(temp, "README.md", "hello\n"));
    }

    @AfterEach
    void destroyIt() throws Exception {
        engine.close();
    }

    @Test
    void aServiceGetsItsSysctlsAndIsReachedByNameFromAStep() {
        // Verifies services: the sysctls read back from /proc/sys inside the service are the plan's, its health check
        // passes, and a step on the build's network reaches it by its name.
        ContainerHandle service = engine.backend.startStep(resources, service("cache",
                "mkdir -p /www && cat /proc/sys/net/core/somaxconn /proc/sys/kernel/shmmax > /www/sysctls"
                        + " && exec httpd -f -p 8080 -h /www",
                Map.of("net.core.somaxconn", "1024", "kernel.shmmax", SHMMAX),
                Optional.of(new ContainerSpec.Healthcheck(List.of("wget", "-q", "-O", "/dev/null",
                        "http://127.0.0.1:8080/sysctls"), Duration.ofMillis(200), Duration.ofSeconds(2), 20))));

        assertThat(engine.backend.awaitHealthy(service, Duration.ofSeconds(30))).isEmpty();

        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("read-sysctls", "busybox:latest",
                "wget -q -O - http://cache:8080/sysctls"));
        engine.backend.tailStep(step, lines::add);
        assertThat(engine.backend.waitStep(step, Duration.ofSeconds(30))).isEqualTo(new StepExit.Exited(0, false));
        assertThat(lines).containsExactly("1024", SHMMAX);
    }

    @Test
    void anUnhealthyServiceSaysWhatItsLastCheckAnswered() {
        // Verifies the unhealthy verdict in words: the service, the failed checks, the command, its exit and output.
        ContainerHandle service = engine.backend.startStep(resources, service("flaky", "exec sleep 300", Map.of(),
                Optional.of(new ContainerSpec.Healthcheck(List.of("sh", "-c", "echo not ready; exit 2"),
                        Duration.ofMillis(100), Duration.ofSeconds(2), 2))));

        assertThat(engine.backend.awaitHealthy(service, Duration.ofSeconds(30)))
                .contains("service flaky is unhealthy after 2 failed checks: sh -c echo not ready; exit 2 exited 2: "
                        + "not ready");
    }

    @Test
    void aServiceThatIsNotHealthyInTimeOrStopsIsNotHealthy() {
        // Verifies the two other ways to fail: the limit comes before the first check, and the service exits.
        ContainerHandle slow = engine.backend.startStep(resources, service("slow", "exec sleep 300", Map.of(),
                Optional.of(new ContainerSpec.Healthcheck(List.of("true"), Duration.ofMinutes(5), Duration.ofSeconds(2),
                        3))));
        ContainerHandle dying = engine.backend.startStep(resources, service("dying", "exit 4", Map.of(),
                Optional.of(new ContainerSpec.Healthcheck(List.of("true"), Duration.ofMinutes(5), Duration.ofSeconds(2),
                        3))));

        assertThat(engine.backend.awaitHealthy(slow, Duration.ofMillis(600)))
                .contains("service slow is not healthy after 600ms: its health check has not run yet");
        engine.backend.waitStep(dying, Duration.ofSeconds(30));
        assertThat(engine.backend.awaitHealthy(dying, Duration.ofSeconds(5)))
                .contains("service dying stopped before it was healthy, with exit code 4");
    }

    @Test
    void aServiceWithoutACheckIsReadyOnceItRuns() {
        // Verifies that no health check means no wait.
        ContainerHandle service = engine.backend.startStep(resources, service("plain", "exec sleep 300", Map.of(),
                Optional.empty()));

        assertThat(engine.backend.awaitHealthy(service, Duration.ofSeconds(5))).isEmpty();
    }

    private static ContainerSpec service(String name, String script, Map<String, String> sysctls,
                                         Optional<ContainerSpec.Healthcheck> healthcheck) {
        return new ContainerSpec(ContainerSpec.Role.SERVICE, name, "busybox:latest", List.of("sh", "-c", script), Map.of(),
                Optional.empty(), false, Map.of(), sysctls, healthcheck, false,
                OptionalLong.empty());
    }
}
