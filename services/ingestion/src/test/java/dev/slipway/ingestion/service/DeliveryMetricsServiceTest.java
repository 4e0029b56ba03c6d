package dev.slipway.ingestion.service;

import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITEA_SECRET;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITLAB_TOKEN;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.ingestion.domain.HmacSha256;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ingestion's counters as Prometheus scrapes them from {@code /actuator/prometheus}, on a context
 * of this class's own (so that no other test's deliveries are in its counters), against the
 * shared real PostgreSQL and Kafka broker.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IngestionApplication.NAME,
                "slipway.ingestion.operator-token=" + DeliveryMetricsServiceTest.TOKEN})
class DeliveryMetricsServiceTest {

    static final String TOKEN = "metrics-test-operator-token";
    private static final int OVER_THE_LIMIT = 26 * 1024 * 1024;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        DeclaredRepositoriesFile.registerService(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void countsEveryRequestAndWhatBecameOfItAndEveryReplayWithExactValues() {
        // Verifies received (every request, 413 and 415 included), accepted, duplicate, ignored, rejected by reason
        // per provider, and replays by outcome, read back from /actuator/prometheus with exact values.
        WebhookClient client = new WebhookClient(port);
        WebhookDelivery first = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        expect(202, client.post(first));
        expect(202, client.post(GitHubWebhook.push(REPOSITORY).deliver(SECRET)));
        expect(200, client.post(first));
        expect(202, client.post(GitHubWebhook.delivery("issues", ("{\"action\": \"opened\", \"repository\": "
                + "{\"full_name\": \"" + REPOSITORY + "\"}}").getBytes(StandardCharsets.UTF_8), SECRET)));
        expect(401, client.post(GitHubWebhook.push(REPOSITORY).deliver("not the declared secret")));
        expect(401, client.post(GitHubWebhook.push(REPOSITORY).deliver(null)));
        expect(404, client.post(GitHubWebhook.push("someone/else").deliver(SECRET)));
        expect(400, client.post(GitHubWebhook.delivery("push", "{\"ref\": ".getBytes(StandardCharsets.UTF_8), SECRET)));
        expect(400, client.post(GitHubWebhook.push(REPOSITORY).deliver(SECRET).withoutHeader("X-GitHub-Delivery")));
        expect(415, client.post(GitHubWebhook.push(REPOSITORY).deliver(SECRET).withHeader("Content-Type", "text/plain")));
        expect(413, client.post(GitHubWebhook.push(REPOSITORY).deliver(SECRET).withBody(new byte[OVER_THE_LIMIT])));
        byte[] giteaPush = ("{\"ref\": \"refs/heads/main\", \"before\": \"" + "0".repeat(40) + "\", \"after\": \""
                + "d".repeat(40) + "\", \"commits\": [], \"repository\": {\"full_name\": \"" + REPOSITORY + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        expect(202, client.post("/hooks/gitea", Map.of("Content-Type", "application/json", "X-Gitea-Event", "push",
                "X-Gitea-Delivery", UUID.randomUUID().toString(),
                "X-Gitea-Signature", HmacSha256.sign(WebhookSecret.of(GITEA_SECRET), giteaPush)), giteaPush));
        expect(401, client.post("/hooks/gitlab", Map.of("Content-Type", "application/json", "X-Gitlab-Event",
                "Push Hook", "X-Gitlab-Event-UUID", UUID.randomUUID().toString(), "X-Gitlab-Token", GITLAB_TOKEN + "!"),
                ("{\"object_kind\": \"push\", \"project\": {\"path_with_namespace\": \"" + REPOSITORY + "\"}}")
                        .getBytes(StandardCharsets.UTF_8)));
        String replay = "/hooks/deliveries/github:" + first.deliveryId() + "/replay";
        expect(202, client.post(replay, Map.of("Authorization", "Bearer " + TOKEN), new byte[0]));
        expect(401, client.post(replay, Map.of(), new byte[0]));
        expect(404, client.post("/hooks/deliveries/github:no-such-delivery/replay",
                Map.of("Authorization", "Bearer " + TOKEN), new byte[0]));

        Map<String, Double> scraped = scrape(client.get("/actuator/prometheus"));

        assertThat(scraped).containsAllEntriesOf(Map.ofEntries(
                Map.entry("slipway_ingestion_deliveries_received_total{provider=\"github\"}", 11.0),
                Map.entry("slipway_ingestion_deliveries_received_total{provider=\"gitea\"}", 1.0),
                Map.entry("slipway_ingestion_deliveries_received_total{provider=\"gitlab\"}", 1.0),
                Map.entry(deliveries("github", "accepted", "none"), 2.0),
                Map.entry(deliveries("github", "duplicate", "none"), 1.0),
                Map.entry(deliveries("github", "ignored", "none"), 1.0),
                Map.entry(deliveries("github", "rejected", "bad-signature"), 2.0),
                Map.entry(deliveries("github", "rejected", "unknown-repository"), 1.0),
                Map.entry(deliveries("github", "rejected", "malformed-json"), 1.0),
                Map.entry(deliveries("github", "rejected", "missing-header"), 1.0),
                Map.entry(deliveries("github", "rejected", "unsupported-media-type"), 1.0),
                Map.entry(deliveries("github", "rejected", "payload-too-large"), 1.0),
                Map.entry(deliveries("gitea", "accepted", "none"), 1.0),
                Map.entry(deliveries("gitlab", "rejected", "bad-signature"), 1.0),
                Map.entry("slipway_ingestion_replays_total{outcome=\"replayed\",reason=\"none\"}", 1.0),
                Map.entry("slipway_ingestion_replays_total{outcome=\"refused\",reason=\"operator-token-missing\"}", 1.0),
                Map.entry("slipway_ingestion_replays_total{outcome=\"refused\",reason=\"delivery-not-found\"}", 1.0)));
        // Ten deliveries reached the delivery log: 2 + 1 accepted, the duplicate, the ignored one, and the 5 rejected
        // after their body was read (the 400 without a delivery id, the 415 and the 413 were refused before).
        assertThat(scraped).containsEntry("slipway_ingestion_batch_size_sum", 10.0);
        assertThat(scraped.get("slipway_ingestion_batch_size_count"))
                .isEqualTo(scraped.get("slipway_ingestion_batch_duration_seconds_count")).isBetween(1.0, 10.0);
        assertThat(scraped.keySet().stream().filter(series -> series.startsWith("slipway_ingestion_")
                && !series.startsWith("slipway_ingestion_batch_"))).as("no series beyond those above").hasSize(17);
    }

    private static String deliveries(String provider, String outcome, String reason) {
        return "slipway_ingestion_deliveries_total{outcome=\"" + outcome + "\",provider=\"" + provider
                + "\",reason=\"" + reason + "\"}";
    }

    private static void expect(int status, WebhookClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    }

    /** Each sample of the Prometheus text format, by its series (name and labels, as written). */
    private static Map<String, Double> scrape(String exposition) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
