package dev.slipway.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingestion service started against a PostgreSQL address where nothing listens (Flyway off,
 * so that it starts at all), with the real Kafka broker: what a git host sees while the database
 * is down, and what an operator sees when no operator token is configured.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IngestionApplication.NAME, "spring.flyway.enabled=false"})
class IngestionWithoutDatabaseServiceTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        int closed = closedPort();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + closed + "/slipway?currentSchema=ingestion");
        registry.add("slipway.repositories.file", () -> DeclaredRepositoriesFile.write().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void answers503WithRetryAfterAndNever202WhenTheDatabaseIsDown() {
        // Verifies that a valid, signed push that cannot be stored gets 503 with Retry-After and a problem detail, in time.
        WebhookClient client = new WebhookClient(port);
        WebhookDelivery push = GitHubWebhook.push(DeclaredRepositoriesFile.REPOSITORY).deliver(DeclaredRepositoriesFile.SECRET);
        long started = System.nanoTime();

        WebhookClient.Answer answer = client.post(push);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("10");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("https://slipway.dev/problems/database-unavailable");
        assertThat((System.nanoTime() - started) / 1_000_000).as("answered within GitHub's 10 s timeout")
                .isLessThan(10_000);
    }

    @Test
    void answersReplaysWith403ReplayDisabledWhenNoOperatorTokenIsConfigured() {
        // Verifies that without SLIPWAY_OPERATOR_TOKEN every replay, with a token or without, is refused as disabled
        // with a detail that says how to enable it, and that this needs no database.
        WebhookClient client = new WebhookClient(port);
        String path = "/hooks/deliveries/github:72d3162e-cc78-11e3-81ab-4c9367dc0958/replay";

        WebhookClient.Answer withToken = client.post(path, Map.of("Authorization", "Bearer a-token-of-some-length"),
                new byte[0]);
        WebhookClient.Answer withoutToken = client.post(path, Map.of(), new byte[0]);

        for (WebhookClient.Answer answer : List.of(withToken, withoutToken)) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.problemType()).isEqualTo("https://slipway.dev/problems/replay-disabled");
            assertThat(answer.json().path("detail").asString()).contains("SLIPWAY_OPERATOR_TOKEN");
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
