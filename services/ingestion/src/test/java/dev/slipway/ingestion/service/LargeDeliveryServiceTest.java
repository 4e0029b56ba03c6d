package dev.slipway.ingestion.service;

import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.SECRET;
import static dev.slipway.testkit.kafka.EventProbe.correlatedTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.model.Topics;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A push as large as ingestion accepts must reach Kafka like any other: Kafka's default record limit
 * is 1 MB, and a record the broker refuses would stop the outbox relay at that row, with every later
 * delivery of the service behind it.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionApplication.NAME)
class LargeDeliveryServiceTest {

    private static final int COMMITS = 1_500;
    private static final int MESSAGE_LENGTH = 12_000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, IngestionApplication.NAME);
        registry.add("slipway.repositories.file", () -> DeclaredRepositoriesFile.write().toString());
    }

    @LocalServerPort
    int port;

    @Test
    void publishesAPushOfNearlyTwentyMegabytesAndTheDeliveriesBehindIt() {
        // Verifies that an 18 MB push is accepted and published whole, and that a small push after it follows.
        GitHubWebhook.Push large = GitHubWebhook.push(REPOSITORY).branch("main");
        for (int i = 0; i < COMMITS; i++) {
            large.commit("%040x".formatted(i + 1), "Commit %d%n%n%s".formatted(i, "x".repeat(MESSAGE_LENGTH)));
        }
        WebhookDelivery big = large.deliver(SECRET);
        WebhookDelivery small = GitHubWebhook.push(REPOSITORY).branch("main").commit("f".repeat(40), "After it")
                .deliver(SECRET);
        assertThat(big.body().length).isBetween(18_000_000, 25 * 1024 * 1024);

        try (EventProbe scmEvents = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(),
                Topics.SCM_EVENTS)) {
            WebhookClient client = new WebhookClient(port);
            WebhookClient.Answer bigAnswer = client.post(big);
            WebhookClient.Answer smallAnswer = client.post(small);
            assertThat(bigAnswer.status()).as(bigAnswer.toString()).isEqualTo(202);
            assertThat(smallAnswer.status()).as(smallAnswer.toString()).isEqualTo(202);

            ReceivedEvent published = scmEvents.awaitOne(correlatedTo(big.deliveryId()), Duration.ofSeconds(60));
            assertThat(published.value().length).isGreaterThan(COMMITS * MESSAGE_LENGTH);
            PushReceived push = published.as(PushReceived.class);
            assertThat(push.commits()).hasSize(COMMITS);
            assertThat(push.commits().getLast().message()).endsWith("x".repeat(MESSAGE_LENGTH));
            scmEvents.awaitOne(correlatedTo(small.deliveryId()), Duration.ofSeconds(30));
        }
    }
}
