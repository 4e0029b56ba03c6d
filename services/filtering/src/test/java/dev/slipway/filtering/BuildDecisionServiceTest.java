package dev.slipway.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ScmEvent;
import dev.slipway.model.scm.TagDeleted;
import dev.slipway.testkit.git.LocalGitRepository;
import dev.slipway.testkit.infra.JvmTemporaryPaths;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = {"spring.config.name=filtering", "slipway.filtering.git-retry.attempts=6",
        "slipway.filtering.git-retry.initial-delay=200ms", "slipway.filtering.git-retry.max-delay=1s"})
class BuildDecisionServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Builds every branch and v* tags, with an image from the repository's Dockerfile. */
    static final String HEADER = """
            version: 1
            on:
              push: { branches: ["*"] }
              tag: { pattern: "v*" }
            images:
              app: { context: ., dockerfile: Dockerfile }
            steps:
            """;

    /** `test` runs everywhere, `deploy` only on main. */
    static final String PIPELINE = HEADER + """
              - name: test
                image: app
                run: echo test
              - name: deploy
                image: app
                run: echo deploy
                when: { branch: main }
            """;

    /** Every step is filtered to main, so a tag matches none. */
    static final String MAIN_ONLY = HEADER + """
              - name: test
                image: app
                run: echo test
                when: { branch: main }
            """;

    /** {@link #PIPELINE}, building pull requests into main too. */
    static final String PULL_REQUESTS = PIPELINE.replace("tag: { pattern: \"v*\" }",
            "tag: { pattern: \"v*\" }\n  pull_request: { branches: [main] }");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerService(registry, "filtering");
        Path mirrors = JvmTemporaryPaths.directory("slipway-filtering-mirrors-");
        registry.add("slipway.filtering.mirrors", mirrors::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private EventProbe triggers;
    private EventSender sender;
    private LocalGitRepository git;
    private final String repository = "github:acme/app-" + UUID.randomUUID();

    @BeforeEach
    void open() {
        triggers = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.BUILD_TRIGGERS,
                Topics.deadLetter(Topics.SCM_EVENTS));
        sender = EventSender.open(TestInfrastructure.kafka().bootstrapServers());
        git = LocalGitRepository.create();
        git.writeFile("Dockerfile", "FROM busybox\n");
    }

    @AfterEach
    void close() {
        triggers.close();
        sender.close();
        git.close();
    }

    @Test
    void aMatchingPushIsRequestedWithItsPlanDecisionAndTheRepositorysNextNumber() {
        // Two pushes to main give builds #1 and #2, each with the decision that ran it and the compiled plan.
        git.writeFile(".slipway.yml", PIPELINE);
        String a = git.commit("Add the pipeline");
        PushReceived first = push("d-1", "refs/heads/main", a, "Add the pipeline");
        Envelope cause = sender.publish(first, "d-1");
        String b = git.commit("Change things");
        sender.publish(push("d-2", "refs/heads/main", b, "Change things"), "d-2");

        List<ReceivedEvent> requested = triggers.await(ofRepository(), 2, WAIT);
        BuildRequested one = requested.get(0).as(BuildRequested.class);
        BuildRequested two = requested.get(1).as(BuildRequested.class);
        assertThat(one.buildNumber()).isEqualTo(1);
        assertThat(two.buildNumber()).isEqualTo(2);
        assertThat(one.commitSha()).isEqualTo(a);
        assertThat(one.cloneUrl()).isEqualTo(git.cloneUrl());
        assertThat(one.ref()).isEqualTo("refs/heads/main");
        assertThat(one.event()).isEqualTo("push");
        assertThat(one.deliveryId()).isEqualTo("d-1");
        assertThat(one.decision().verdict()).isEqualTo(DecisionRecord.Verdict.RUN);
        assertThat(one.decision().steps()).extracting(DecisionRecord.StepDecision::name, DecisionRecord.StepDecision::matched)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("test", true),
                        org.assertj.core.groups.Tuple.tuple("deploy", true));
        assertThat(one.hasPlan()).isTrue();
        assertThat(one.plan().get("build_id").asString()).isEqualTo(one.buildId().toString());
        assertThat(one.plan().get("build_number").asLong()).isEqualTo(1);
        assertThat(one.plan().get("trigger").get("commit").asString()).isEqualTo(a);
        assertThat(requested.get(0).envelope().correlationId()).isEqualTo("d-1");
        assertThat(requested.get(0).envelope().causationId()).isEqualTo(cause.eventId().toString());
        assertThat(requested.get(0).key()).isEqualTo(repository);
        assertThat(decisionRow("d-1", "rule")).isEqualTo(one.decision().rule());
    }

    @Test
    void aSkipCiHeadCommitIsSkippedWithTheReasonAndTakesNoNumber() {
        // [skip ci] in the head commit's message skips the push; the next build is still #1.
        git.writeFile(".slipway.yml", PIPELINE);
        String skipped = git.commit("Fix the docs [skip ci]");
        sender.publish(push("d-skip", "refs/heads/main", skipped, "Fix the docs [skip ci]"), "d-skip");
        String built = git.commit("Change code");
        sender.publish(push("d-build", "refs/heads/main", built, "Change code"), "d-build");

        List<ReceivedEvent> decided = triggers.await(ofRepository(), 2, WAIT);
        BuildSkipped skip = decided.get(0).as(BuildSkipped.class);
        assertThat(skip.decision().rule()).isEqualTo("skip.messages");
        assertThat(skip.decision().reason()).startsWith("skipped:").contains("[skip ci]");
        assertThat(skip.commitSha()).isEqualTo(skipped);
        assertThat(decided.get(1).as(BuildRequested.class).buildNumber()).isEqualTo(1);
        assertThat(decisionRow("d-skip", "outcome")).isEqualTo("SKIP");
        assertThat(decisionRow("d-skip", "reason")).isEqualTo(skip.decision().reason());
    }

    @Test
    void aTagWhoseStepsAreAllForMainIsSkippedBecauseNoStepMatches() {
        // The library's "no step matches" decision reaches the topic with every step's reason.
        BuildSkipped skip = tagged(MAIN_ONLY, "Release", "v1.0.0").as(BuildSkipped.class);
        assertThat(skip.event()).isEqualTo("tag");
        assertThat(skip.decision().rule()).isEqualTo("steps");
        assertThat(skip.decision().reason()).contains("no step matches tag `v1.0.0`");
        assertThat(skip.decision().steps()).singleElement().satisfies(step -> {
            assertThat(step.matched()).isFalse();
            assertThat(step.reason()).contains("main");
        });
    }

    @Test
    void aTagOnASkipCiCommitFollowsOnTagNotTheMessage() {
        // The tag event carries no message: the [skip ci] of its commit does not skip it.
        BuildRequested request = tagged(PIPELINE, "Bump the version [skip ci]", "v2.0.0").as(BuildRequested.class);
        assertThat(request.event()).isEqualTo("tag");
        assertThat(request.ref()).isEqualTo("refs/tags/v2.0.0");
        assertThat(request.decision().reason()).startsWith("runs:");
    }

    @Test
    void aRepositoryWithoutAPipelineFileIsSkippedWithThatReason() {
        String sha = git.commit("Only a Dockerfile");
        sender.publish(push("d-none", "refs/heads/main", sha, "Only a Dockerfile"), "d-none");

        BuildSkipped skip = triggers.awaitOne(ofRepository(), WAIT).as(BuildSkipped.class);
        assertThat(skip.decision().rule()).isEqualTo("pipeline-file");
        assertThat(skip.decision().reason()).startsWith("skipped: commit " + sha.substring(0, 12)
                + " has no pipeline file (looked for .slipway.yml");
    }

    @Test
    void aBrokenPipelineFileErrorsWithEveryProblemAndItsPlace() {
        git.writeFile(".slipway.yml", "version: 1\nsteps:\n  - name: test\n    run: [unclosed\n");
        String sha = git.commit("Break the pipeline");
        sender.publish(push("d-broken", "refs/heads/main", sha, "Break the pipeline"), "d-broken");

        BuildErrored errored = triggers.awaitOne(ofRepository(), WAIT).as(BuildErrored.class);
        assertThat(errored.decision().rule()).isEqualTo("lint");
        assertThat(errored.decision().reason()).startsWith("errored:").contains(".slipway.yml:");
        assertThat(errored.problems()).isNotEmpty();
        LintProblem first = errored.problems().getFirst();
        assertThat(first.severity()).isEqualTo(LintProblem.Severity.ERROR);
        assertThat(first.file()).isEqualTo(".slipway.yml");
        assertThat(first.line()).isGreaterThan(1);
        assertThat(errored.decision().reason()).contains(first.location());
        assertThat(decisionRow("d-broken", "outcome")).isEqualTo("ERROR");
    }

    @Test
    void aRepositoryThatNeverAnswersErrorsAfterTheRetriesWithTheGitError() {
        // A clone URL that leads nowhere is tried again with back-off (6 attempts in this test), then decided as an
        // error that says the repository could not be reached and what git said; nothing is dead-lettered.
        double failures = counter("slipway.filtering.mirror.unreachable");
        PushReceived push = new PushReceived("d-gone", "github", repository, name(), "file:///nonexistent/slipway/repo.git",
                "refs/heads/main", "0".repeat(40), "a".repeat(40), new Commit("a".repeat(40), "x", "Ada"),
                List.of(), "ada");
        sender.publish(push, "d-gone");

        BuildErrored errored = triggers.awaitOne(ofRepository(), WAIT).as(BuildErrored.class);
        assertThat(errored.decision().rule()).isEqualTo("pipeline-file");
        assertThat(errored.decision().reason()).startsWith("errored: repository file:///nonexistent/slipway/repo.git "
                + "could not be reached after 6 attempts: ").contains("/nonexistent/slipway/repo.git");
        assertThat(errored.problems()).isEmpty();
        assertThat(counter("slipway.filtering.mirror.unreachable") - failures).isEqualTo(6);
        assertThat(decisionRow("d-gone", "outcome")).isEqualTo("ERROR");
        assertThat(triggers.collectFor(Duration.ofSeconds(1),
                ofRepository().and(r -> r.topic().equals(Topics.deadLetter(Topics.SCM_EVENTS)))))
                .as("not dead-lettered").isEmpty();
    }

    @Test
    void aRepositoryThatAppearsDuringTheRetriesBuilds() throws Exception {
        // The git host is "down": the clone URL names a path that does not exist yet. After the first failed
        // attempt the path appears (a link to a real repository), and the retry clones it and builds.
        git.writeFile(".slipway.yml", PIPELINE);
        String sha = git.commit("Add the pipeline");
        Path later = JvmTemporaryPaths.directory("slipway-later-").resolve("repo");
        double failures = counter("slipway.filtering.mirror.unreachable");
        Commit head = new Commit(sha, "Add the pipeline", "Ada");
        sender.publish(new PushReceived("d-later", "github", repository, name(), later.toUri().toString(),
                "refs/heads/main", "0".repeat(40), sha, head, List.of(head), "ada"), "d-later");

        java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
        while (counter("slipway.filtering.mirror.unreachable") == failures) {
            assertThat(java.time.Instant.now()).as("a first attempt failed").isBefore(deadline);
            Thread.sleep(10);
        }
        Files.createSymbolicLink(later, git.directory());

        BuildRequested request = triggers.awaitOne(ofRepository(), WAIT).as(BuildRequested.class);
        assertThat(request.commitSha()).isEqualTo(sha);
        assertThat(request.buildNumber()).isEqualTo(1);
        assertThat(counter("slipway.filtering.mirror.unreachable") - failures).isBetween(1.0, 5.0);
    }

    @Test
    void aCommitMissingFromTheRepositoryErrorsAfterAFetch() {
        git.writeFile(".slipway.yml", PIPELINE);
        git.commit("Add the pipeline");
        sender.publish(push("d-missing", "refs/heads/main", "b".repeat(40), "x"), "d-missing");

        BuildErrored errored = triggers.awaitOne(ofRepository(), WAIT).as(BuildErrored.class);
        assertThat(errored.decision().reason()).contains("commit " + "b".repeat(40) + " is not in " + git.cloneUrl());
    }

    @Test
    void theSameDeliveryTwiceGivesOneDecisionAndOneEvent() {
        // A replay (new event id, same delivery) and a redelivery (same event id) both find the first decision.
        git.writeFile(".slipway.yml", PIPELINE);
        String sha = git.commit("Change");
        PushReceived push = push("d-twice", "refs/heads/main", sha, "Change");
        Envelope envelope = sender.publish(push, "d-twice");
        sender.publish(push, envelope);
        sender.publish(push, "d-twice");
        String next = git.commit("Next");
        sender.publish(push("d-next", "refs/heads/main", next, "Next"), "d-next");

        List<ReceivedEvent> requested = triggers.await(ofRepository(), 2, WAIT);
        assertThat(requested).extracting(r -> r.as(BuildRequested.class).deliveryId())
                .containsExactly("d-twice", "d-next");
        assertThat(requested).extracting(r -> r.as(BuildRequested.class).buildNumber()).containsExactly(1L, 2L);
        assertThat(triggers.collectFor(Duration.ofSeconds(1), ofRepository())).hasSize(2);
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ?").param(repository)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theMirrorIsClonedOnceAndFetchedOnlyForNewCommits() {
        // The first push clones, a push of a new commit fetches into the same mirror, and a second event about
        // a commit already read is answered from the cache.
        double clones = counter("slipway.filtering.mirror.clones");
        double fetches = counter("slipway.filtering.mirror.fetches");
        double hits = meters.get("slipway.filtering.pipeline.cache").tag("result", "hit").counter().count();
        git.writeFile(".slipway.yml", PIPELINE);
        String a = git.commit("One");
        sender.publish(push("d-m1", "refs/heads/main", a, "One"), "d-m1");
        triggers.awaitOne(ofRepository(), WAIT);
        String b = git.commit("Two");
        sender.publish(push("d-m2", "refs/heads/main", b, "Two"), "d-m2");
        sender.publish(push("d-m3", "refs/heads/feature", b, "Two"), "d-m3");

        triggers.await(ofRepository(), 3, WAIT);
        assertThat(counter("slipway.filtering.mirror.clones") - clones).isEqualTo(1);
        assertThat(counter("slipway.filtering.mirror.fetches") - fetches).isEqualTo(1);
        assertThat(meters.get("slipway.filtering.pipeline.cache").tag("result", "hit").counter().count() - hits)
                .isEqualTo(1);
        assertThat(meters.find("slipway.filtering.decisions").tag("outcome", "build").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("slipway.filtering.decision.latency").timer().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("slipway.filtering.pipeline.fetch").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFastForwardThatTouchesNoPipelineFileIsDecidedWithoutReadingTheRepository() {
        // After a first push has read the pipeline at A, a push A..B that GitHub says was not forced and that changed
        // only src/ is decided with A's pipeline, without a fetch. The next push B..C changes .slipway.yml (now every
        // push is skipped by a custom skip message): it is read, and decided by the new file.
        git.writeFile(".slipway.yml", PIPELINE);
        String a = git.commit("One");
        sender.publish(push("d-i1", "refs/heads/main", a, "One"), "d-i1");
        triggers.awaitOne(ofRepository(), WAIT);
        double fetches = counter("slipway.filtering.mirror.fetches");

        git.writeFile("src/app.txt", "two");
        String b = git.commit("Two");
        sender.publish(fastForward("d-i2", a, b, "Two", "src/app.txt"), "d-i2");
        BuildRequested two = triggers.await(ofRepository(), 2, WAIT).get(1).as(BuildRequested.class);
        assertThat(two.commitSha()).isEqualTo(b);
        assertThat(two.decision().steps()).hasSize(2);
        assertThat(counter("slipway.filtering.mirror.fetches") - fetches).isZero();

        git.writeFile(".slipway.yml", PIPELINE.replace("version: 1\n", "version: 1\nskip: { messages: [\"Three\"] }\n"));
        String c = git.commit("Three");
        sender.publish(fastForward("d-i3", b, c, "Three", ".slipway.yml"), "d-i3");
        BuildSkipped three = triggers.await(ofRepository(), 3, WAIT).get(2).as(BuildSkipped.class);
        assertThat(three.decision().reason()).contains("Three");
        assertThat(counter("slipway.filtering.mirror.fetches") - fetches).isEqualTo(1);
    }

    @Test
    void pingAndDeletionEventsAreConsumedWithoutADecisionOrADeadLetter() {
        // The SCM events filtering does not decide on are consumed, not retried or parked: they request no build
        // and take no build number, and the push after them is still build #1.
        String cloneUrl = git.cloneUrl();
        String name = name();
        List<ScmEvent> undecided = List.of(
                new TagDeleted("d-delete", "github", repository, name, cloneUrl, "v0.9.0", "refs/tags/v0.9.0", null,
                        "ada"),
                new PingReceived("d-ping", "github", repository, name, cloneUrl, 42, "Design for failure.",
                        List.of("push"), "ada"),
                new PushReceived("d-deleted-push", "github", repository, name, cloneUrl, "refs/heads/feature",
                        "9".repeat(40), "0".repeat(40), null, List.of(), "ada", false, true, null));
        List<Envelope> sent = undecided.stream().map(event -> sender.publish(event, event.deliveryId())).toList();

        git.writeFile(".slipway.yml", PIPELINE);
        String sha = git.commit("Live");
        sender.publish(push("d-live", "refs/heads/main", sha, "Live"), "d-live");

        BuildRequested only = triggers.awaitOne(ofRepository(), WAIT).as(BuildRequested.class);
        assertThat(only.deliveryId()).isEqualTo("d-live");
        assertThat(only.buildNumber()).isEqualTo(1);
        assertThat(triggers.collectFor(Duration.ofSeconds(1), ofRepository()))
                .as("no trigger and no dead letter for the undecided events").hasSize(1);
        for (Envelope envelope : sent) {
            assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?")
                    .param(envelope.eventId()).query(Long.class).single())
                    .as("%s was consumed", envelope.eventType()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ?").param(repository)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNewerPushCancelsTheBranchsUnfinishedBuildsWhenCancelPreviousIsOn() {
        // on.push.cancel_previous: build #2 of main cancels #1 (superseded); #3 cancels nothing, since #1 is already
        // cancelled and #2 finished; a build of another branch is never cancelled by main's pushes.
        try (EventProbe commands = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.BUILD_COMMANDS)) {
            git.writeFile(".slipway.yml", PIPELINE.replace("push: { branches: [\"*\"] }",
                    "push: { branches: [\"*\"], cancel_previous: true }"));
            String one = git.commit("One");
            sender.publish(push("d-c1", "refs/heads/main", one, "One"), "d-c1");
            sender.publish(push("d-cf", "refs/heads/feature", one, "One"), "d-cf");
            List<ReceivedEvent> first = triggers.await(ofRepository(), 2, WAIT);
            String two = git.commit("Two");
            sender.publish(push("d-c2", "refs/heads/main", two, "Two"), "d-c2");
            BuildRequested second = triggers.awaitOne(EventProbe.correlatedTo("d-c2"), WAIT).as(BuildRequested.class);
            BuildRequested mainOne = first.stream().map(r -> r.as(BuildRequested.class))
                    .filter(b -> b.ref().equals("refs/heads/main")).findFirst().orElseThrow();

            dev.slipway.model.build.CancelBuild cancel = commands.awaitOne(EventProbe.keyed(mainOne.buildId().toString()),
                    WAIT).as(dev.slipway.model.build.CancelBuild.class);
            assertThat(cancel.reason()).isEqualTo("superseded by build #" + second.buildNumber());
            assertThat(cancel.supersededBy()).isEqualTo(second.buildId());
            assertThat(second.plan().get("cancel_previous").asBoolean()).isTrue();

            sender.publish(new dev.slipway.model.build.BuildFinished(second.buildId(),
                    dev.slipway.model.build.BuildStatus.SUCCEEDED, "", java.time.Instant.now()), "finish");
            java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
            while (jdbc.sql("select count(*) from decisions where build_id = ? and finished_at is not null")
                    .param(second.buildId()).query(Long.class).single() == 0) {
                assertThat(java.time.Instant.now()).as("BuildFinished noted").isBefore(deadline);
                Thread.onSpinWait();
            }
            String three = git.commit("Three");
            sender.publish(push("d-c3", "refs/heads/main", three, "Three"), "d-c3");
            triggers.awaitOne(EventProbe.correlatedTo("d-c3"), WAIT);
            assertThat(commands.collectFor(Duration.ofSeconds(1), r -> true)).as("one cancel in all").hasSize(1);
        }
    }

    @Test
    void aPullRequestBuildsItsHeadCommitWhenOpenedOrUpdatedAsOnPullRequestDecides() {
        // Opened and new commits (GitHub synchronize, GitLab update) build the head commit under on.pull_request, which
        // filters on the target branch; a request into another branch is skipped by on.pull_request.branches.
        git.writeFile(".slipway.yml", PULL_REQUESTS);
        git.commit("Add the pipeline");
        git.checkoutNewBranch("feature");
        git.writeFile("src/a.txt", "a");
        String first = git.commit("Change a");
        sender.publish(pullRequest("d-pr1", "github", "opened", 4, first, "main", null), "d-pr1");
        BuildRequested opened = triggers.awaitOne(EventProbe.correlatedTo("d-pr1"), WAIT).as(BuildRequested.class);
        assertThat(opened.event()).isEqualTo("pull_request");
        assertThat(opened.commitSha()).isEqualTo(first);
        assertThat(opened.ref()).isEqualTo("refs/pull/4/head");
        assertThat(opened.buildNumber()).isEqualTo(1);
        assertThat(opened.decision().rule()).isEqualTo("on.pull_request.branches");
        assertThat(opened.decision().steps()).extracting(DecisionRecord.StepDecision::name,
                DecisionRecord.StepDecision::matched).containsExactly(org.assertj.core.groups.Tuple.tuple("test", true),
                org.assertj.core.groups.Tuple.tuple("deploy", false));
        assertThat(opened.plan().get("trigger").get("commit").asString()).isEqualTo(first);

        git.writeFile("src/b.txt", "b");
        String second = git.commit("Change b");
        sender.publish(pullRequest("d-pr2", "github", "synchronize", 4, second, "main", null), "d-pr2");
        sender.publish(pullRequest("d-mr", "gitlab", "update", 5, second, "main", null), "d-mr");
        sender.publish(pullRequest("d-pr3", "github", "opened", 6, second, "release", null), "d-pr3");

        BuildRequested synced = triggers.awaitOne(EventProbe.correlatedTo("d-pr2"), WAIT).as(BuildRequested.class);
        assertThat(synced.commitSha()).isEqualTo(second);
        assertThat(synced.buildNumber()).isEqualTo(2);
        BuildRequested merge = triggers.awaitOne(EventProbe.correlatedTo("d-mr"), WAIT).as(BuildRequested.class);
        assertThat(merge.ref()).isEqualTo("refs/merge-requests/5/head");
        BuildSkipped other = triggers.awaitOne(EventProbe.correlatedTo("d-pr3"), WAIT).as(BuildSkipped.class);
        assertThat(other.event()).isEqualTo("pull_request");
        assertThat(other.decision().rule()).isEqualTo("on.pull_request.branches");
        assertThat(other.decision().reason()).contains("`release`");
    }

    @Test
    void aPullRequestClosedLabeledOrEditedIsSkippedForItsAction() {
        git.writeFile(".slipway.yml", PULL_REQUESTS);
        String sha = git.commit("Add the pipeline");
        for (String action : List.of("closed", "labeled", "edited")) {
            sender.publish(pullRequest("d-" + action, "github", action, 8, sha, "main", null), "d-" + action);
            BuildSkipped skip = triggers.awaitOne(EventProbe.correlatedTo("d-" + action), WAIT).as(BuildSkipped.class);
            assertThat(skip.decision().rule()).isEqualTo("pull_request.action");
            assertThat(skip.decision().reason()).isEqualTo("skipped: pull request #8 was " + action + "; only opened, "
                    + "synchronize (new commits) and reopened build (rule pull_request.action)");
            assertThat(skip.commitSha()).isEqualTo(sha);
        }
        assertThat(jdbc.sql("select count(*) from decisions where repository_id = ? and outcome = 'SKIP'")
                .param(repository).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aForksPullRequestBuildsFromTheRepositorysPullRefAndIsSkippedWhenItIsNotThere() throws Exception {
        // The fork's head commit is on no branch of the repository, only under refs/pull/7/head, as GitHub keeps it:
        // the mirror, cloned by a push before the ref existed, fetches that ref and builds it. A fork whose head is nowhere in the repository is skipped, and
        // the fork is never cloned.
        git.writeFile(".slipway.yml", PULL_REQUESTS);
        String main = git.commit("Add the pipeline");
        sender.publish(push("d-main", "refs/heads/main", main, "Add the pipeline"), "d-main");
        triggers.awaitOne(EventProbe.correlatedTo("d-main"), WAIT);
        git.checkoutNewBranch("fork-work");
        git.writeFile("src/fork.txt", "from a fork");
        String forked = git.commit("Change from a fork");
        var repo = git.git().getRepository();
        var update = repo.updateRef("refs/pull/7/head");
        update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(forked));
        assertThat(update.update()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.NEW);
        git.git().checkout().setName("main").call();
        git.git().branchDelete().setBranchNames("fork-work").setForce(true).call();

        String fork = "https://git.example/someone/app.git";
        sender.publish(pullRequest("d-fork", "github", "opened", 7, forked, "main", fork), "d-fork");
        BuildRequested built = triggers.awaitOne(EventProbe.correlatedTo("d-fork"), WAIT).as(BuildRequested.class);
        assertThat(built.commitSha()).isEqualTo(forked);
        assertThat(built.ref()).isEqualTo("refs/pull/7/head");
        assertThat(built.cloneUrl()).isEqualTo(git.cloneUrl());

        String elsewhere = "c".repeat(40);
        sender.publish(pullRequest("d-fork-away", "github", "opened", 9, elsewhere, "main", fork), "d-fork-away");
        BuildSkipped skip = triggers.awaitOne(EventProbe.correlatedTo("d-fork-away"), WAIT).as(BuildSkipped.class);
        assertThat(skip.decision().rule()).isEqualTo("pull_request.fork");
        assertThat(skip.decision().reason()).isEqualTo("skipped: pull request #9 comes from the fork " + fork
                + " and its head commit cccccccccccc is not in " + git.cloneUrl() + " (Slipway builds a fork's changes "
                + "only from the repository's own refs/pull/9/head, never by cloning the fork)");
    }

    private PullRequestChanged pullRequest(String delivery, String provider, String action, long number, String head,
                                           String base, String fork) {
        return new PullRequestChanged(delivery, provider, repository, name(), git.cloneUrl(), action, number, "Change",
                fork == null ? "feature" : "fork-work", head, base, fork, false, "ada");
    }

    /** Commits {@code pipeline} with {@code message}, tags the commit, pushes the tag and awaits the trigger. */
    private ReceivedEvent tagged(String pipeline, String message, String tag) {
        git.writeFile(".slipway.yml", pipeline);
        String sha = git.commit(message);
        git.tag(tag);
        sender.publish(push("d-" + tag, "refs/tags/" + tag, sha, message), "d-" + tag);
        return triggers.awaitOne(ofRepository(), WAIT);
    }

    private double counter(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private String decisionRow(String delivery, String column) {
        return jdbc.sql("select " + column + "::text from decisions where repository_id = ? and delivery_id = ?")
                .params(repository, delivery).query(String.class).single();
    }

    private Predicate<ReceivedEvent> ofRepository() {
        return EventProbe.keyed(repository);
    }

    private String name() {
        return repository.substring("github:".length());
    }

    /** A push of one commit on top of {@code before}, as GitHub sends it: not forced, the commit's paths listed. */
    private PushReceived fastForward(String delivery, String before, String sha, String message, String modified) {
        Commit head = new Commit(sha, message, "Ada");
        return new PushReceived(delivery, "github", repository, name(), git.cloneUrl(), "refs/heads/main", before, sha,
                head, List.of(head), "ada", false, false,
                new dev.slipway.model.scm.ChangedPaths(List.of(), List.of(modified), List.of()), false);
    }

    private PushReceived push(String delivery, String ref, String sha, String message) {
        Commit head = new Commit(sha, message, "Ada");
        return new PushReceived(delivery, "github", repository, name(), git.cloneUrl(), ref, "0".repeat(40), sha,
                head, List.of(head), "ada");
    }
}
