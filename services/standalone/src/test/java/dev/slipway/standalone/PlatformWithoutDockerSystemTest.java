package dev.slipway.standalone;

import static dev.slipway.standalone.PlatformFixture.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The standalone platform starts without a Docker engine and says that builds wait for one. */
class PlatformWithoutDockerSystemTest {

    @TempDir
    Path home;

    @Test
    void everyServiceIsHealthyAndExecutionSaysBuildsWaitForAnEngine() {
        // No engine answers at this socket, yet every service starts, and execution's health explains.
        StandaloneSettings settings = PlatformFixture.settings(home, null,
                Map.of("slipway.execution.docker.host", "unix://" + home.resolve("no-engine.sock")));

        try (StandalonePlatform platform = StandalonePlatform.start(settings)) {
            for (String service : StandaloneSettings.DEFAULT_PORTS.keySet()) {
                JsonNode health = getJson(platform, service, "/actuator/health");
                assertThat(health.get("status").asText()).as(service + ": " + health).isEqualTo("UP");
                HttpResponse<String> metrics = PlatformFixture.get(platform, service, "/actuator/prometheus",
                        "text/plain");
                assertThat(metrics.statusCode()).as(service).isEqualTo(200);
                assertThat(metrics.body()).as(service).contains("slipway_outbox_pending");
            }
            JsonNode docker = getJson(platform, "execution", "/actuator/health").get("components").get("docker");
            assertThat(docker.get("details").get("engine").asText()).isEqualTo("unavailable");
            assertThat(docker.get("details").get("builds").asText()).isEqualTo("waiting for a Docker engine");
        }
    }
}
