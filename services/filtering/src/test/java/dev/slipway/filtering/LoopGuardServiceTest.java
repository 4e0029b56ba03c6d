package dev.slipway.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.release.ReleaseMarker;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.infra.JvmTemporaryPaths;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The loop guard on the real broker and database: Slipway's own tags are skipped whatever order their events come in. */
@SpringBootTest(properties = "spring.config.name=filtering")
class LoopGuardServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BOT = "slipway-bot";
    /** Repositories declared with the bot as their release identity; one per test, so that tests share nothing. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    /** Builds main, with a release of v1.<build number>, and every v* tag. */
    static final String RELEASING = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            steps:
              - name: test
                image: alpine:3.20
                run: make test
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}", notes: changelog }
                when: { branch: main }
            """;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerService(registry, "filtering");
        registry.add("slipway.filtering.mirrors", () -> JvmTemporaryPaths.directory("slipway-loop-mirrors-").toString());
        Path file = JvmTemporaryPaths.file("slipway-repositories-", ".yml");
        StringBuilder yaml = new StringBuilder();
        for (String name : List.of("worst-order", "own-include", "sender-only")) {
            yaml.append("- provider: github\n  name: acme/").append(name).append('-').append(RUN)
                    .append("\n  clone_url: file:///unused\n  webhook_secret: s\n  release_identity: ").append(BOT).append('\n');
        }
        for (String name : List.of("no-identity", "foreign")) {
            yaml.append("- provider: github\n  name: acme/").append(name).append('-').append(RUN)
                    .append("\n  clone_url: file:///unused\n  webhook_secret: s\n");
        }
        Files.writeString(file, yaml);
        registry.add("slipway.repositories.file", file::toString);
    }

    @Autowired
    JdbcClient jdbc;

    private EventProbe triggers;
    private EventSender sender;
    private LocalGitRepository git;

    @BeforeEach
    void open() {
        triggers = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.BUILD_TRIGGERS,
                Topics.deadLetter(Topics.SCM_EVENTS), Topics.deadLetter(Topics.RELEASES));
        sender = EventSender.open(TestInfrastructure.kafka().bootstrapServers());
        git = LocalGitRepository.create();
    }

    @AfterEach
    void close() {
        triggers.close();
        sender.close();
        git.close();
    }

    @Test
    void skipsTagEventsCreatedBySlipwayReleaseEvenWhenTheyArriveBeforeTheIntendedRecord() {
        // Issue 5's loop in the worst order: main builds #1 (its plan releases v1.1), then the host's create, push and
        // release of v1.1 arrive, sent by the bot, before releases' ReleaseIntended; each is skipped by the loop guard
        // naming build #1, and once the record is in, a later event of the tag names the build from it. One build in all.
        String repository = repository("worst-order");
        git.writeFile(".slipway.yml", RELEASING);
        String sha = git.commit("Change code");
        sender.publish(push(repository, "d-main", "refs/heads/main", sha, "Change code", "ada"), "d-main");
        BuildRequested build = triggers.awaitOne(EventProbe.keyed(repository), WAIT).as(BuildRequested.class);
        assertThat(build.plan().toString()).contains("v1.1");
        String id = "build #1 (" + build.buildId() + ")";

        git.tag("v1.1");
        sender.publish(new TagCreated("d-create", "github", repository, name(repository), git.cloneUrl(), "v1.1",
                "refs/tags/v1.1", null, BOT), "d-create");
        sender.publish(push(repository, "d-tag", "refs/tags/v1.1", sha, "Change code", BOT), "d-tag");
        sender.publish(release(repository, "d-release", "v1.1", "Changes\n\n" + ReleaseMarker.of(build.buildId()), BOT),
                "d-release");
        List<BuildSkipped> skipped = triggers.await(EventProbe.keyed(repository).and(r -> r.is(BuildSkipped.class)), 3, WAIT)
                .stream()
                .map(r -> r.as(BuildSkipped.class)).toList();

        String bySender = "skipped: tag v1.1 was created by Slipway's release for " + id + ": it was sent by `slipway-bot`, "
                + "the identity this repository's releases are published with, and that build's plan releases this tag; "
                + "its ReleaseIntended record has not arrived yet (loop guard)";
        assertThat(skipped).extracting(BuildSkipped::deliveryId).containsExactly("d-create", "d-tag", "d-release");
        assertThat(skipped).allSatisfy(s -> assertThat(s.decision().rule()).isEqualTo("loop-guard"));
        assertThat(skipped.get(0).decision().reason()).isEqualTo(bySender);
        assertThat(skipped.get(0).commitSha()).as("the create names no commit; the plan's does").isEqualTo(sha);
        assertThat(skipped.get(1).decision().reason()).isEqualTo(bySender);
        assertThat(skipped.get(1).event()).isEqualTo("tag");
        assertThat(skipped.get(2).decision().reason()).isEqualTo("skipped: tag v1.1 was created by Slipway's release for "
                + id + ", as the marker in its release notes says (loop guard)");
        assertThat(skipped.get(2).event()).isEqualTo("release");

        sender.publish(new ReleaseIntended(repository, "v1.1", build.buildId(), 1, sha, null), "release-1");
        awaitIntended(repository, "v1.1");
        sender.publish(release(repository, "d-released", "v1.1", "", BOT), "d-released");
        assertThat(triggers.awaitOne(EventProbe.correlatedTo("d-released"), WAIT).as(BuildSkipped.class).decision()
                .reason()).isEqualTo("skipped: tag v1.1 was created by Slipway's release for " + id + " (loop guard)");
        assertThat(triggers.collectFor(Duration.ofSeconds(1), EventProbe.keyed(repository))).hasSize(5);
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ? and outcome = 'BUILD'")
                .param(repository).query(Long.class).single()).as("exactly one build").isEqualTo(1);
    }

    @Test
    void anIntendedReleaseAttributesItsTagWhoeverPushedIt() {
        // A repository without a release identity: the ReleaseIntended record alone tells the tag is Slipway's.
        String repository = repository("no-identity");
        git.writeFile(".slipway.yml", RELEASING);
        String sha = git.commit("Release me");
        git.tag("v1.7");
        UUID build = UUID.randomUUID();
        sender.publish(new ReleaseIntended(repository, "v1.7", build, 7, sha, null), "release-7");
        awaitIntended(repository, "v1.7");
        sender.publish(push(repository, "d-tag", "refs/tags/v1.7", sha, "Release me", "someone"), "d-tag");

        BuildSkipped skipped = triggers.awaitOne(EventProbe.keyed(repository), WAIT).as(BuildSkipped.class);
        assertThat(skipped.decision().rule()).isEqualTo("loop-guard");
        assertThat(skipped.decision().reason())
                .isEqualTo("skipped: tag v1.7 was created by Slipway's release for build #7 (" + build + ") (loop guard)");
        assertThat(jdbc.sql("select reason from decisions where repository_id = ? and delivery_id = 'd-tag'")
                .param(repository).query(String.class).single()).isEqualTo(skipped.decision().reason());
    }

    @Test
    void aTagSentByTheReleaseIdentityBeforeAnythingNamesItsBuildSaysTheBuildIsNotKnownYet() {
        // Only the sender is known: the guard still skips, and says honestly that the build is not known.
        String repository = repository("sender-only");
        git.writeFile(".slipway.yml", RELEASING);
        String sha = git.commit("Tagged by the bot");
        git.tag("v9.0");
        sender.publish(push(repository, "d-tag", "refs/tags/v9.0", sha, "Tagged by the bot", BOT), "d-tag");

        assertThat(triggers.awaitOne(EventProbe.keyed(repository), WAIT).as(BuildSkipped.class).decision().reason())
                .isEqualTo("skipped: tag v9.0 was created by Slipway's release: it was sent by `slipway-bot`, the identity "
                        + "this repository's releases are published with; which build released it is not known yet, as no "
                        + "ReleaseIntended record and no build's plan names the tag (loop guard)");
    }

    @Test
    void aForeignTagBuildsOnceFromItsPushWhileItsCreateAndReleaseAreSkipped() {
        // A person's tag: its push builds; its create and its release on the host are recorded as skipped, not built again.
        String repository = repository("foreign");
        git.writeFile(".slipway.yml", RELEASING);
        String sha = git.commit("Ship it");
        git.tag("v2.0");
        sender.publish(new TagCreated("d-create", "github", repository, name(repository), git.cloneUrl(), "v2.0",
                "refs/tags/v2.0", null, "ada"), "d-create");
        sender.publish(push(repository, "d-tag", "refs/tags/v2.0", sha, "Ship it", "ada"), "d-tag");
        sender.publish(release(repository, "d-release", "v2.0", "Hand-written notes", "ada"), "d-release");

        List<ReceivedEvent> decided = triggers.await(EventProbe.keyed(repository), 3, WAIT);
        assertThat(decided.get(0).as(BuildSkipped.class).decision().reason())
                .isEqualTo("skipped: the creation of tag `v2.0` does not build; the tag's push does (rule tag-events)");
        assertThat(decided.get(0).as(BuildSkipped.class).commitSha()).as("resolved from the repository").isEqualTo(sha);
        assertThat(decided.get(1).as(BuildRequested.class).ref()).isEqualTo("refs/tags/v2.0");
        assertThat(decided.get(2).as(BuildSkipped.class).decision().reason())
                .isEqualTo("skipped: the release of tag `v2.0` (published) does not build; the tag's push does "
                        + "(rule tag-events)");
    }

    @Test
    void includeOwnReleasesBuildsSlipwaysTagWithoutItsReleaseSteps() {
        // The opt-out: the own tag builds, and its release step is not matched, so the tag is not released again.
        String repository = repository("own-include");
        git.writeFile(".slipway.yml", RELEASING.replace("tag: { pattern: \"v*\" }",
                "tag: { pattern: \"v*\", include_own_releases: true }").replace("when: { branch: main }", ""));
        String sha = git.commit("Build my own tags");
        git.tag("v1.3");
        sender.publish(push(repository, "d-tag", "refs/tags/v1.3", sha, "Build my own tags", BOT), "d-tag");

        BuildRequested build = triggers.awaitOne(EventProbe.keyed(repository), WAIT).as(BuildRequested.class);
        assertThat(build.decision().reason()).isEqualTo("runs: 1 of 2 steps match tag `v1.3` (rule on.tag)");
        assertThat(build.decision().steps()).filteredOn(s -> s.name().equals("release")).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("is a release step, and tag `v1.3` was created by "
                        + "Slipway's own release: on.tag.include_own_releases builds it, never releases it again"));
        assertThat(build.plan().toString()).doesNotContain("\"release\"");
    }

    private void awaitIntended(String repository, String tag) {
        Instant deadline = Instant.now().plus(WAIT);
        while (jdbc.sql("select count(*) from intended_releases where repository_id = ? and tag = ?")
                .params(repository, tag).query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("ReleaseIntended for %s recorded", tag).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String repository(String prefix) {
        return "github:acme/" + prefix + "-" + RUN;
    }

    private static String name(String repository) {
        return repository.substring("github:".length());
    }

    private ReleasePublished release(String repository, String delivery, String tag, String body, String by) {
        return new ReleasePublished(delivery, "github", repository, name(repository), git.cloneUrl(), "published", tag,
                tag, body, "main", false, by);
    }

    private PushReceived push(String repository, String delivery, String ref, String sha, String message, String by) {
        Commit head = new Commit(sha, message, "Ada");
        return new PushReceived(delivery, "github", repository, name(repository), git.cloneUrl(), ref, "0".repeat(40), sha,
                head, List.of(head), by);
    }
}
