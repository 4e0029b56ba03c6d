package dev.slipway.standalone;

import static dev.slipway.standalone.PlatformFixture.getJson;
import static dev.slipway.standalone.PlatformFixture.postGitHubWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.BuildTriggerEvent;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.release.ReleaseMarker;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.PushCommit;
import dev.slipway.testkit.webhook.WebhookDelivery;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's scenarios on the standalone platform: signed GitHub deliveries go through the real
 * webhook endpoint, over the real broker, to filtering, which reads the pipeline file from a real
 * git repository, and history shows the decision. The platform starts once for the class, and
 * each scenario has a repository of its own.
 */
@RequiresDocker
class SkipAndTriggerScenariosSystemTest {

    private static final String SECRET = "scenario-secret";
    private static final String OPERATOR_TOKEN = "scenario-operator-token";
    private static final Duration DECIDED_WITHIN = Duration.ofSeconds(60);

    /** A Dockerfile that builds in a second from the seeded busybox, for the scenarios that do build. */
    private static final String DOCKERFILE = """
            FROM busybox:latest
            CMD ["true"]
            """;

    /** Builds pushes to main; the message skip rules are the defaults. */
    private static final String PUSH_TO_MAIN = """
            version: 1
            on:
              push: { branches: [main] }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
              - name: test
                image: app
                run: "true"
            """;

    /** Tags are accepted, but every step is for main alone. */
    private static final String STEPS_FOR_MAIN_ONLY = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
              - name: test
                image: app
                run: "true"
                when: { branch: main }
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}" }
                when: { branch: main }
            """;

    /** Tags named v* build, with a step that runs on tags. */
    private static final String TAGS_BUILD = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
              - name: test
                image: app
                run: "true"
            """;

    /** Pushes to main build and release `v1.<build number>`; tags named v* build too, which is what could loop. */
    private static final String RELEASES_FROM_MAIN = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
              - name: test
                image: app
                run: "true"
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}" }
                when: { branch: main }
            """;

    /** The account the loop repository's releases are published with, as its declaration says. */
    private static final String BOT = "slipway-bot";

    @TempDir
    static Path home;

    private static final Map<String, LocalGitRepository> repositories = new LinkedHashMap<>();
    private static StandalonePlatform platform;
    private static EventProbe triggers;

    @BeforeAll
    static void startThePlatformWithOneRepositoryPerScenario() throws Exception {
        declare("skip-ci", PUSH_TO_MAIN, "Add the pipeline", "Fix a typo in the README [skip ci]");
        declare("tag-steps", STEPS_FOR_MAIN_ONLY, "Add the pipeline");
        declare("tag-on-skip", TAGS_BUILD, "Add the pipeline", "Prepare the release notes [skip ci]");
        declare("redelivery", PUSH_TO_MAIN, "Add the pipeline");
        declare("loop", RELEASES_FROM_MAIN, "Add the pipeline", "Add a feature");
        StringBuilder file = new StringBuilder();
        repositories.forEach((name, repository) -> file.append("""
                - provider: github
                  name: %s
                  clone_url: %s
                  webhook_secret: %s
                """.formatted(name, repository.cloneUrl(), SECRET))
                .append(name.startsWith("acme/loop-") ? "  release_identity: " + BOT + "\n" : ""));
        Path declared = home.resolve("repositories.yml");
        Files.writeString(declared, file);
        platform = StandalonePlatform.start(PlatformFixture.settings(home.resolve("data"), declared,
                Map.of("slipway.ingestion.operator-token", OPERATOR_TOKEN)));
        triggers = EventProbe.openFromBeginning(platform.kafka().bootstrapServers(), Topics.BUILD_TRIGGERS);
    }

    @AfterAll
    static void stopThePlatform() {
        if (triggers != null) {
            triggers.close();
        }
        if (platform != null) {
            platform.close();
        }
        repositories.values().forEach(LocalGitRepository::close);
        DockerClient docker = DockerEngine.client();
        for (var image : docker.listImagesCmd().withLabelFilter(Map.of("dev.slipway.scenario", "issue-5")).exec()) {
            docker.removeImageCmd(image.getId()).withForce(true).exec();
        }
    }

    @Test
    void aPushWhoseHeadCommitSaysSkipCiIsSkippedWithItsReasonAndStartsNothing(DockerClient docker) {
        // Scenario 1: the head commit's [skip ci] decides, history says so, and neither a build request nor a container follows.
        String name = name("skip-ci");
        LocalGitRepository repository = repositories.get(name);
        int containersBefore = slipwayContainers(docker);

        WebhookDelivery push = GitHubWebhook.push(name).from(repository).deliver(SECRET);
        assertThat(postGitHubWebhook(platform, push).statusCode()).isEqualTo(202);

        JsonNode decision = awaitDecisions(name, 1).get(0);
        assertThat(decision.get("verdict").asText()).isEqualTo("skip");
        assertThat(decision.get("rule").asText()).isEqualTo("skip.messages");
        assertThat(decision.get("reason").asText())
                .isEqualTo("skipped: head commit message contains `[skip ci]` (rule skip.messages)");
        assertThat(decision.get("build").isNull()).isTrue();
        assertThat(decision.get("commit").asText()).isEqualTo(repository.head());
        assertThat(triggersFor(name)).singleElement().isInstanceOf(BuildSkipped.class);
        assertThat(getJson(platform, "history", "/api/builds?repo=" + name).get("builds")).isEmpty();
        assertThat(slipwayContainers(docker)).isEqualTo(containersBefore);
        assertThat(imagesOfCommit(docker, repository.head())).isZero();
    }

    @Test
    void aTagPushWhoseStepsAreAllForMainIsSkippedBecauseNoStepMatches(DockerClient docker) {
        // Scenario 2: on.tag admits the tag, but every step wants branch main, so no executor is asked to do nothing.
        String name = name("tag-steps");
        LocalGitRepository repository = repositories.get(name);
        String sha = repository.tag("v1.0.0");
        int containersBefore = slipwayContainers(docker);

        assertThat(postGitHubWebhook(platform, tagPush(name, repository, "v1.0.0")).statusCode()).isEqualTo(202);

        JsonNode decision = awaitDecisions(name, 1).get(0);
        assertThat(decision.get("verdict").asText()).isEqualTo("skip");
        assertThat(decision.get("rule").asText()).isEqualTo("steps");
        assertThat(decision.get("event").asText()).isEqualTo("tag");
        assertThat(decision.get("tag").asText()).isEqualTo("v1.0.0");
        assertThat(decision.get("reason").asText()).isEqualTo("skipped: no step matches tag `v1.0.0`. "
                + "Step `test` requires branch `main`; step `release` requires branch `main`");
        assertThat(decision.get("steps").findValuesAsString("reason"))
                .containsExactly("requires branch `main`", "requires branch `main`");
        assertThat(triggersFor(name)).singleElement().isInstanceOf(BuildSkipped.class);
        assertThat(getJson(platform, "history", "/api/builds?repo=" + name).get("builds")).isEmpty();
        assertThat(slipwayContainers(docker)).isEqualTo(containersBefore);
        assertThat(imagesOfCommit(docker, sha)).isZero();
    }

    @Test
    void aTagOnACommitThatSaysSkipCiFollowsOnTagAndBuilds(DockerClient docker) {
        // Scenario 4: the branch push of the commit is skipped by its message, the tag on it is not: a tag carries no message.
        String name = name("tag-on-skip");
        LocalGitRepository repository = repositories.get(name);
        String sha = repository.tag("v2.0.0");

        assertThat(postGitHubWebhook(platform, GitHubWebhook.push(name).from(repository).deliver(SECRET)).statusCode())
                .isEqualTo(202);
        JsonNode branchDecision = awaitDecisions(name, 1).get(0);
        assertThat(branchDecision.get("rule").asText()).isEqualTo("skip.messages");

        assertThat(postGitHubWebhook(platform, tagPush(name, repository, "v2.0.0")).statusCode()).isEqualTo(202);
        JsonNode tagDecision = awaitDecisions(name, 2).get(0);
        assertThat(tagDecision.get("verdict").asText()).isEqualTo("run");
        assertThat(tagDecision.get("rule").asText()).isEqualTo("on.tag");
        assertThat(tagDecision.get("reason").asText()).isEqualTo("runs: 1 of 1 steps match tag `v2.0.0` (rule on.tag)");
        assertThat(tagDecision.get("build").get("number").asLong()).isEqualTo(1);

        List<BuildTriggerEvent> decided = triggersFor(name);
        assertThat(decided).hasSize(2);
        assertThat(decided.get(1)).isInstanceOfSatisfying(BuildRequested.class, requested -> {
            assertThat(requested.event()).isEqualTo("tag");
            assertThat(requested.ref()).isEqualTo("refs/tags/v2.0.0");
            assertThat(requested.commitSha()).isEqualTo(sha);
        });
        // It really builds: the build's image carries the commit's label (the count the skip scenarios keep at zero).
        JsonNode build = awaitFinalBuild(tagDecision.get("build").get("id").asText());
        assertThat(build.get("status").asText()).as(build.toString()).isEqualTo("succeeded");
        assertThat(imagesOfCommit(docker, sha)).isPositive();
    }

    @Test
    void theSameDeliveryPostedTwiceAndReplayedYieldsOneDecision() {
        // Scenario 5: a redelivery is acknowledged as a duplicate, and even a replayed event leaves the one decision standing.
        String name = name("redelivery");
        LocalGitRepository repository = repositories.get(name);
        WebhookDelivery push = GitHubWebhook.push(name).from(repository).deliver(SECRET);

        assertThat(postGitHubWebhook(platform, push).statusCode()).isEqualTo(202);
        HttpResponse<String> again = postGitHubWebhook(platform, push);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"verdict\":\"duplicate\"");
        JsonNode first = awaitDecisions(name, 1).get(0);
        assertThat(first.get("verdict").asText()).isEqualTo("run");

        String deliveryId = push.headers().get("X-GitHub-Delivery");
        HttpResponse<String> replayed = PlatformFixture.send(HttpRequest.newBuilder(
                        PlatformFixture.uri(platform, "ingestion", "/hooks/deliveries/github:" + deliveryId + "/replay"))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        // The replayed event reaches filtering after the first; wait until it has been read, then count.
        awaitConsumed(Topics.SCM_EVENTS);

        JsonNode decisions = getJson(platform, "history", "/api/decisions?repo=" + name).get("decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(triggersFor(name)).singleElement().isInstanceOfSatisfying(BuildRequested.class,
                requested -> assertThat(requested.buildNumber()).isEqualTo(1));
        JsonNode build = awaitFinalBuild(first.get("build").get("id").asText());
        assertThat(build.get("status").asText()).as(build.toString()).isEqualTo("succeeded");
        assertThat(getJson(platform, "history", "/api/builds?repo=" + name).get("builds")).hasSize(1);
    }

    @Test
    void theTagsOfSlipwaysOwnReleaseAreSkippedByTheLoopGuardEvenWhenTheyArriveBeforeItsReleaseIntended(
            DockerClient docker) {
        // Scenario 3: one push to main builds and plans release v1.1; the tag's push, create and release webhooks,
        // sent by the bot before any Kafka message claims the tag, are all skipped naming the build, and nothing loops.
        String name = name("loop");
        LocalGitRepository repository = repositories.get(name);
        String sha = repository.head();

        assertThat(postGitHubWebhook(platform, GitHubWebhook.push(name).from(repository).sender("octocat")
                .deliver(SECRET)).statusCode()).isEqualTo(202);
        JsonNode pushDecision = awaitDecisions(name, 1).get(0);
        assertThat(pushDecision.get("verdict").asText()).isEqualTo("run");
        String buildId = pushDecision.get("build").get("id").asText();
        BuildRequested requested = (BuildRequested) triggersFor(name).getFirst();
        assertThat(requested.buildNumber()).isEqualTo(1);
        List<JsonNode> releases = requested.plan().findParents("kind").stream()
                .filter(step -> step.get("kind").asText().equals("release")).toList();
        assertThat(releases).singleElement().satisfies(step -> assertThat(step.get("tag").asText()).isEqualTo("v1.1"));

        // The git host, in the worst order: the tag's webhooks come before the release service's ReleaseIntended.
        repository.tag("v1.1");
        assertThat(postGitHubWebhook(platform, GitHubWebhook.push(name).tag("v1.1").created()
                .baseRef("refs/heads/main").cloneUrl(repository.cloneUrl())
                .commit(PushCommit.from(repository.headCommit())).sender(BOT).deliver(SECRET)).statusCode())
                .isEqualTo(202);
        assertThat(postGitHubWebhook(platform, GitHubWebhook.delivery("create", json(Map.of(
                "ref", "v1.1", "ref_type", "tag", "master_branch", "main", "pusher_type", "user",
                "repository", repositoryJson(name, repository), "sender", Map.of("login", BOT, "type", "User"))),
                SECRET)).statusCode()).isEqualTo(202);
        assertThat(postGitHubWebhook(platform, GitHubWebhook.delivery("release", json(Map.of(
                "action", "published",
                "release", Map.of("tag_name", "v1.1", "name", "v1.1", "target_commitish", "main", "draft", false,
                        "prerelease", false, "body", "Changes since v1.0\n\n" + ReleaseMarker.of(UUID.fromString(buildId))),
                "repository", repositoryJson(name, repository), "sender", Map.of("login", BOT, "type", "Bot"))),
                SECRET)).statusCode()).isEqualTo(202);

        JsonNode decisions = awaitDecisions(name, 4);
        List<JsonNode> tagDecisions = List.of(decisions.get(0), decisions.get(1), decisions.get(2));
        assertThat(tagDecisions).extracting(d -> d.get("event").asText())
                .containsExactlyInAnyOrder("tag", "tag", "release");
        for (JsonNode decision : tagDecisions) {
            assertThat(decision.get("verdict").asText()).as(decision.toString()).isEqualTo("skip");
            assertThat(decision.get("rule").asText()).as(decision.toString()).isEqualTo("loop-guard");
            assertThat(decision.get("reason").asText()).as(decision.toString())
                    .startsWith("skipped: tag v1.1 was created by Slipway's release for build #1 (" + buildId + ")")
                    .endsWith("(loop guard)");
        }

        // The release service's message arrives last, and changes nothing.
        try (EventSender sender = EventSender.open(platform.kafka().bootstrapServers())) {
            sender.publish(new ReleaseIntended("github:" + name, "v1.1", UUID.fromString(buildId), 1, sha, null),
                    "release-of-" + buildId);
        }
        awaitConsumed(Topics.RELEASES);
        assertThat(getJson(platform, "history", "/api/decisions?repo=" + name).get("decisions")).hasSize(4);
        assertThat(triggersFor(name)).filteredOn(BuildRequested.class::isInstance).singleElement()
                .satisfies(only -> assertThat(((BuildRequested) only).buildId().toString()).isEqualTo(buildId));
        JsonNode build = awaitFinalBuild(buildId);
        assertThat(build.get("status").asText()).as(build.toString()).isEqualTo("succeeded");
        assertThat(getJson(platform, "history", "/api/builds?repo=" + name).get("builds")).hasSize(1);
        assertThat(imagesOfCommit(docker, sha)).isEqualTo(1);
    }

    // --- set-up

    /** Declares a repository named after {@code scenario}, with the pipeline and one commit per message. */
    private static void declare(String scenario, String pipeline, String... messages) {
        LocalGitRepository repository = LocalGitRepository.create("main");
        repository.writeFile("Dockerfile", DOCKERFILE + "LABEL dev.slipway.scenario=issue-5\n");
        repository.writeFile(".slipway.yml", pipeline);
        for (int i = 0; i < messages.length; i++) {
            repository.writeFile("README.md", "Commit " + i + "\n");
            repository.commit(messages[i]);
        }
        repositories.put("acme/" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8), repository);
    }

    private static String name(String scenario) {
        return repositories.keySet().stream().filter(n -> n.startsWith("acme/" + scenario + "-")).findFirst()
                .orElseThrow();
    }

    /**
     * The push GitHub sends for a new lightweight tag on HEAD: {@code before} all zeros, the tagged
     * commit as head commit (its message included), and the branch it was made on as base ref.
     */
    private static WebhookDelivery tagPush(String name, LocalGitRepository repository, String tag) {
        return GitHubWebhook.push(name).tag(tag).created().baseRef("refs/heads/main")
                .cloneUrl(repository.cloneUrl()).commit(PushCommit.from(repository.headCommit()))
                .deliver(SECRET);
    }

    /** The {@code repository} object of a GitHub webhook, as much of it as ingestion reads. */
    private static Map<String, Object> repositoryJson(String name, LocalGitRepository repository) {
        return Map.of("id", 4711, "name", name.substring(name.indexOf('/') + 1), "full_name", name,
                "private", false, "html_url", "https://github.com/" + name, "clone_url", repository.cloneUrl(),
                "default_branch", "main", "owner", Map.of("login", name.substring(0, name.indexOf('/'))));
    }

    private static byte[] json(Map<String, Object> body) {
        return PlatformFixture.JSON.writeValueAsBytes(body);
    }

    // --- observing

    /** Waits until history lists {@code count} decisions for the repository; newest first. */
    private static JsonNode awaitDecisions(String name, int count) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
            found[0] = getJson(platform, "history", "/api/decisions?repo=" + name).get("decisions");
            return found[0].size() >= count;
        });
        assertThat(found[0]).hasSize(count);
        return found[0];
    }

    /** Every decision published for the repository, in order, up to what the broker holds now. */
    private static List<BuildTriggerEvent> triggersFor(String name) {
        List<BuildTriggerEvent> found = new ArrayList<>();
        for (ReceivedEvent record : triggers.drain(Duration.ofSeconds(30))) {
            if (record.event() instanceof BuildTriggerEvent trigger && repositoryName(trigger).equals(name)) {
                found.add(trigger);
            }
        }
        return found;
    }

    private static String repositoryName(BuildTriggerEvent trigger) {
        return switch (trigger) {
            case BuildRequested r -> r.repositoryName();
            case BuildSkipped s -> s.repositoryName();
            case BuildErrored e -> e.repositoryName();
        };
    }

    /** Waits until filtering's consumer group has read everything on {@code topic}. */
    private static void awaitConsumed(String topic) {
        try (var admin = Admin.create(Map.of("bootstrap.servers",
                platform.kafka().bootstrapServers()))) {
            await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
                var committed = admin.listConsumerGroupOffsets("filtering").partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(committed.keySet().stream()
                        .filter(p -> p.topic().equals(topic))
                        .collect(Collectors.toMap(p -> p,
                                p -> OffsetSpec.latest()))).all().get();
                return !ends.isEmpty() && ends.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    private static JsonNode awaitFinalBuild(String buildId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = PlatformFixture.get(platform, "history", "/api/builds/" + buildId,
                    "application/json");
            if (response.statusCode() != 200) {
                return false;
            }
            found[0] = PlatformFixture.JSON.readTree(response.body());
            return List.of("succeeded", "failed", "errored", "cancelled").contains(found[0].get("status").asText());
        });
        return found[0];
    }

    /** Containers of any state that carry Slipway's build label. */
    private static int slipwayContainers(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of("dev.slipway.build")).exec().size();
    }

    /** Images that execution built from {@code sha}. */
    private static int imagesOfCommit(DockerClient docker, String sha) {
        return docker.listImagesCmd().withLabelFilter(Map.of("dev.slipway.commit", sha)).exec().size();
    }
}
