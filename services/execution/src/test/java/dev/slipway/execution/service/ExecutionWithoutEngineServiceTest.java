package dev.slipway.execution.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.execution.ExecutionApplication;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The execution service pointed at an address where no Docker engine answers. Its Kafka listener
 * stays off, so that it takes no build from the services that do have an engine in this JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ExecutionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ExecutionApplication.NAME,
                "slipway.execution.docker.host=tcp://127.0.0.1:1",
                "slipway.execution.engine-poll-interval=500ms",
                "spring.kafka.listener.auto-startup=false"})
@DirtiesContext
class ExecutionWithoutEngineServiceTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, ExecutionApplication.NAME);
    }

    @LocalServerPort
    int port;

    @Test
    void startsHealthyAndSaysThatBuildsWaitForAnEngine(CapturedOutput output) throws Exception {
        // Verifies the no-engine start: the service is UP, its docker health says builds wait, and its log warns.
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.shared().readTree(health.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        JsonNode docker = body.path("components").path("docker");
        assertThat(docker.path("status").asString()).isEqualTo("UP");
        assertThat(docker.path("details").path("engine").asString()).isEqualTo("unavailable");
        assertThat(docker.path("details").path("builds").asString()).isEqualTo("waiting for a Docker engine");
        assertThat(docker.path("details").path("reason").asString())
                .startsWith("no Docker engine answers at tcp://127.0.0.1:1");
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("NO DOCKER ENGINE"));
        assertThat(output.getOut()).contains("builds wait in state 'queued' until an engine answers");
    }
}
