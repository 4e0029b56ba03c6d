package dev.slipway.standalone;

import static dev.slipway.standalone.PlatformFixture.getJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Round zero of the five: one signed GitHub push webhook travels through every service of the
 * standalone platform over its real Kafka broker, a real Docker build comes out, and history
 * shows it with its logs, also after the platform restarts.
 */
@RequiresDocker
class SkeletonFlowSystemTest {

    private static final String SECRET = "skeleton-secret";
    private static final String DOCKERFILE = """
            FROM busybox:latest AS builder
            RUN echo "compiled by the builder stage" > /artifact.txt && echo "builder stage says hello"
            FROM busybox:latest
            COPY --from=builder /artifact.txt /artifact.txt
            CMD ["cat", "/artifact.txt"]
            """;

    /** Filtering builds only what a pipeline file asks for: the Dockerfile's image, and a step in it. */
    private static final String PIPELINE = """
            version: 1
            on:
              push: { branches: [main] }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
              - name: show
                image: app
                run: cat /artifact.txt
            """;

    @TempDir
    Path home;

    private final List<String> images = new ArrayList<>();
    private DockerClient docker;

    @AfterEach
    void removeBuiltImages() {
        for (String image : images) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // Nothing to clean.
            }
        }
    }

    @Test
    void aSignedPushWebhookBuildsTheRepositoryAndHistoryShowsTheSucceededBuildWithItsLogs(DockerClient docker)
            throws Exception {
        // The walking skeleton, end to end, on the standalone platform against the real engine.
        this.docker = docker;
        String name = "acme/skeleton-" + UUID.randomUUID().toString().substring(0, 8);
        try (LocalGitRepository repository = LocalGitRepository.create("main")) {
            repository.writeFile("Dockerfile", DOCKERFILE);
            repository.writeFile(".slipway.yml", PIPELINE);
            repository.writeFile("README.md", "A repository that Slipway builds.\n");
            String sha = repository.commit("Add a two-stage Dockerfile");
            Path repositories = home.resolve("repositories.yml");
            Files.writeString(repositories, """
                    - provider: github
                      name: %s
                      clone_url: %s
                      webhook_secret: %s
                    """.formatted(name, repository.cloneUrl(), SECRET));
            StandaloneSettings settings = PlatformFixture.settings(home.resolve("data"), repositories, Map.of());

            String buildId;
            WebhookDelivery delivery = GitHubWebhook.push(name).branch("main").from(repository).deliver(SECRET);
            try (StandalonePlatform platform = StandalonePlatform.start(settings)) {
                HttpResponse<String> accepted = PlatformFixture.postGitHubWebhook(platform, delivery);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

                JsonNode build = awaitFinalBuild(platform, name);
                buildId = build.get("id").asText();
                assertThat(build.get("status").asText()).as(build.toString()).isEqualTo("succeeded");
                assertThat(build.get("commit").asText()).isEqualTo(sha);
                assertThat(build.get("number").asLong()).isEqualTo(1);
                assertThat(build.get("steps").findValuesAsString("name")).containsExactly("clone", "build app", "show");
                assertThat(build.get("steps").findValuesAsString("status")).containsOnly("succeeded");

                String imageId = build.get("images").get(0).get("imageId").asText();
                images.add(imageId);
                var inspected = docker.inspectImageCmd(imageId).exec();
                assertThat(inspected.getConfig().getLabels()).containsEntry("dev.slipway.build", buildId)
                        .containsEntry("dev.slipway.commit", sha);

                // Logs travel on their own topic, so history may show the build finished before its last chunks.
                // Step show ran in the image the build made: it printed the file the builder stage wrote.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(PlatformFixture.get(platform, "history", "/api/builds/" + buildId + "/logs",
                                "text/plain").body()).contains("builder stage says hello", "compiled by the builder stage"));

                // A redelivery of the same delivery id is acknowledged and starts nothing.
                HttpResponse<String> again = PlatformFixture.postGitHubWebhook(platform, delivery);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                Thread.sleep(3_000);
                assertThat(getJson(platform, "history", "/api/builds?repo=" + name).get("builds")).hasSize(1);
            }

            // The platform keeps its data across a restart.
            try (StandalonePlatform restarted = StandalonePlatform.start(settings)) {
                JsonNode build = getJson(restarted, "history", "/api/builds/" + buildId);
                assertThat(build.get("status").asText()).isEqualTo("succeeded");
                assertThat(getJson(restarted, "history", "/api/builds/" + buildId + "/logs").get("chunks"))
                        .isNotEmpty();
            }
        }
    }

    private static JsonNode awaitFinalBuild(StandalonePlatform platform, String name) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode builds = getJson(platform, "history", "/api/builds?repo=" + name).get("builds");
            if (builds.isEmpty()) {
                return false;
            }
            JsonNode build = getJson(platform, "history", "/api/builds/" + builds.get(0).get("id").asText());
            found[0] = build;
            return List.of("succeeded", "failed", "errored", "cancelled").contains(build.get("status").asText());
        });
        return found[0];
    }
}
