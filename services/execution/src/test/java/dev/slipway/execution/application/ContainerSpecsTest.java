package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.testing.TestPlans;
import dev.slipway.pipeline.plan.BuildPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure mapping of a plan's steps and services to the containers the backend starts. */
class ContainerSpecsTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String APP = "sha256:" + "a".repeat(64);
    private static final String BUILDER = "sha256:" + "b".repeat(64);

    private final BuildPlan plan = TestPlans.compile("""
            version: 1
            images:
              app: { target: release }
            services:
              db:
                image: postgres:17
                environment: { POSTGRES_DB: app, POSTGRES_PASSWORD: { secret: db-password } }
                sysctls: { net.core.somaxconn: "1024", kernel.shmmax: "68719476736" }
                healthcheck: { test: pg_isready -U postgres, interval: 1s, timeout: 3s, retries: 20 }
              api: { image: app, depends_on: [db] }
            steps:
              - name: test
                image: app@builder
                run: [go vet ./..., go test ./...]
                environment: { GOFLAGS: -mod=vendor, TOKEN: { secret: github-token }, CI: "yes" }
              - { name: lint, image: golangci/golangci-lint:v1.59, run: golangci-lint run }
            """, UUID.fromString("7c1e0000-0000-0000-0000-000000000007"), COMMIT);
    private final ContainerSpecs.Inputs inputs = new ContainerSpecs.Inputs(plan,
            Map.of("app", APP, "app@builder", BUILDER), Map.of("github-token", "ghp_t0ken", "db-password", "pw"),
            OptionalLong.empty());

    @Test
    void aRunStepRunsItsCommandsInTheImageTheBuildMadeForItsKey() {
        // Verifies a step in a built stage: the image id of app@builder, sh -c with set -e, the workspace, labels.
        ContainerSpec spec = ContainerSpecs.step(step("test"), inputs);

        assertThat(spec.role()).isEqualTo(ContainerSpec.Role.STEP);
        assertThat(spec.name()).isEqualTo("test");
        assertThat(spec.image()).isEqualTo(BUILDER);
        assertThat(spec.command()).containsExactly("sh", "-c",
                "set -e\nprintf '%s\\n' '+ go vet ./...'\ngo vet ./...\nprintf '%s\\n' '+ go test ./...'\ngo test ./...\n");
        assertThat(spec.workingDir()).contains("/workspace");
        assertThat(spec.mountWorkspace()).isTrue();
        assertThat(spec.labels()).isEqualTo(Map.of(BuildBackend.COMMIT_LABEL, COMMIT, BuildBackend.STEP_LABEL, "test"));
        assertThat(spec.sysctls()).isEmpty();
        assertThat(spec.healthcheck()).isEmpty();
        assertThat(spec.hostNetwork()).isFalse();
        assertThat(spec.memoryLimit()).isEmpty();
    }

    @Test
    void aRunStepGetsTheBuildsVariablesThenItsOwnLiteralAndSecretValues() {
        // Verifies the environment: CI and SLIPWAY_* first, the plan's variables over them, secrets by value.
        Map<String, String> environment = ContainerSpecs.step(step("test"), inputs).environment();

        assertThat(environment).containsEntry("GOFLAGS", "-mod=vendor").containsEntry("TOKEN", "ghp_t0ken")
                .containsEntry("CI", "yes")
                .containsEntry("SLIPWAY", "true")
                .containsEntry("SLIPWAY_BUILD_ID", "7c1e0000-0000-0000-0000-000000000007")
                .containsEntry("SLIPWAY_BUILD_NUMBER", "7")
                .containsEntry("SLIPWAY_REPOSITORY", "acme/app")
                .containsEntry("SLIPWAY_EVENT", "push")
                .containsEntry("SLIPWAY_COMMIT", COMMIT)
                .containsEntry("SLIPWAY_BRANCH", "main")
                .containsEntry("SLIPWAY_TAG", "");
    }

    @Test
    void aStepInAPulledImageRunsItByName() {
        // Verifies an image the plan does not build: used as the name the pipeline gives.
        assertThat(ContainerSpecs.step(step("lint"), inputs).image()).isEqualTo("golangci/golangci-lint:v1.59");
    }

    @Test
    void aServiceGetsItsSysctlsHealthCheckAndEnvironmentButNoWorkspace() {
        // Verifies a service: its own command, sysctls as given, the check as sh -c, its label, no workspace.
        ContainerSpec db = ContainerSpecs.service(service("db"), inputs);

        assertThat(db.role()).isEqualTo(ContainerSpec.Role.SERVICE);
        assertThat(db.image()).isEqualTo("postgres:17");
        assertThat(db.command()).isEmpty();
        assertThat(db.workingDir()).isEmpty();
        assertThat(db.mountWorkspace()).isFalse();
        assertThat(db.sysctls()).isEqualTo(Map.of("net.core.somaxconn", "1024", "kernel.shmmax", "68719476736"));
        assertThat(db.healthcheck()).contains(new ContainerSpec.Healthcheck(List.of("sh", "-c", "pg_isready -U postgres"),
                Duration.ofSeconds(1), Duration.ofSeconds(3), 20));
        assertThat(db.environment()).containsEntry("POSTGRES_DB", "app").containsEntry("POSTGRES_PASSWORD", "pw");
        assertThat(db.labels()).isEqualTo(Map.of(BuildBackend.COMMIT_LABEL, COMMIT, ContainerSpecs.SERVICE_LABEL, "db"));
        assertThat(db.hostNetwork()).isFalse();
        assertThat(ContainerSpecs.service(service("api"), inputs).image()).isEqualTo(APP);
    }

    @Test
    void aServiceOnTheHostsNetworkSaysSo() {
        // Verifies host_network, which no pipeline of the golden cases uses, carried from the plan to the spec.
        BuildPlan.PlanService db = service("db");
        BuildPlan.PlanService onHost = new BuildPlan.PlanService(db.name(), db.image(), db.environment(), db.sysctls(),
                db.healthcheck(), db.dependsOn(), true);

        assertThat(ContainerSpecs.service(onHost, inputs).hostNetwork()).isTrue();
    }

    @Test
    void waitsForAServicesHealthAsLongAsItsChecksCanTakeAndAMinute() {
        // Verifies the health limit: 20 tries of 1s interval and 3s timeout, plus a minute; none without a check.
        assertThat(ContainerSpecs.healthLimit(service("db"))).isEqualTo(Duration.ofSeconds(80 + 60));
        assertThat(ContainerSpecs.healthLimit(service("api"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void stepsAndServicesAlikeGetTheExecutorsMemoryLimit() {
        // Verifies that the executor's memory limit reaches every container, steps and services alike.
        ContainerSpecs.Inputs limited = new ContainerSpecs.Inputs(plan, inputs.builtImages(), inputs.secrets(),
                OptionalLong.of(512L << 20));

        assertThat(ContainerSpecs.step(step("test"), limited).memoryLimit()).hasValue(512L << 20);
        assertThat(ContainerSpecs.step(step("lint"), limited).memoryLimit()).hasValue(512L << 20);
        assertThat(ContainerSpecs.service(service("db"), limited).memoryLimit()).hasValue(512L << 20);
    }

    @Test
    void refusesToMapAStepWhoseImageThisBuildDidNotMake() {
        // Verifies the guard: a built image without an id is a bug of the caller, said plainly.
        ContainerSpecs.Inputs nothingBuilt = new ContainerSpecs.Inputs(plan, Map.of(), inputs.secrets(),
                OptionalLong.empty());

        assertThatThrownBy(() -> ContainerSpecs.step(step("test"), nothingBuilt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image app@builder was not built in this build");
    }

    @Test
    void isAPureFunctionOfItsInputs() {
        // Verifies determinism: the same inputs give equal specs.
        assertThat(ContainerSpecs.step(step("test"), inputs)).isEqualTo(ContainerSpecs.step(step("test"), inputs));
        assertThat(ContainerSpecs.service(service("db"), inputs)).isEqualTo(ContainerSpecs.service(service("db"), inputs));
        assertThat(Optional.of(inputs.plan())).contains(plan);
    }

    private BuildPlan.RunStep step(String name) {
        return plan.steps().stream().filter(s -> s.name().equals(name)).map(BuildPlan.RunStep.class::cast)
                .findFirst().orElseThrow();
    }

    private BuildPlan.PlanService service(String name) {
        return plan.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
