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

@SpringBootTest(properties = "spring.config.name=filtering")
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

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerService(registry, "filtering");
        Path mirrors = Files.createTempDirectory("slipway-filtering-mirrors-");
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
    void aCommitThatCannotBeFetchedErrorsWithTheGitError() {
        // A clone URL that leads nowhere is not a skip: the decision is an error that says what git said.
        PushReceived push = new PushReceived("d-gone", "github", repository, name(), "file:///nonexistent/slipway/repo.git",
                "refs/heads/main", "0".repeat(40), "a".repeat(40), new Commit("a".repeat(40), "x", "Ada"),
                List.of(), "ada");
        sender.publish(push, "d-gone");

        BuildErrored errored = triggers.awaitOne(ofRepository(), WAIT).as(BuildErrored.class);
        assertThat(errored.decision().rule()).isEqualTo("pipeline-file");
        assertThat(errored.decision().reason()).startsWith("errored: the pipeline file at commit aaaaaaaaaaaa could "
                + "not be read: ").contains("/nonexistent/slipway/repo.git");
        assertThat(errored.problems()).isEmpty();
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
    void pullRequestPingAndDeletionEventsAreConsumedWithoutADecisionOrADeadLetter() {
        // The SCM events filtering does not decide on are consumed, not retried or parked: they request no build
        // and take no build number, and the push after them is still build #1.
        String cloneUrl = git.cloneUrl();
        String name = name();
        List<ScmEvent> undecided = List.of(
                new PullRequestChanged("d-pr", "github", repository, name, cloneUrl, "opened", 4, "Change",
                        "feature", "9".repeat(40), "main", null, false, "ada"),
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

    private PushReceived push(String delivery, String ref, String sha, String message) {
        Commit head = new Commit(sha, message, "Ada");
        return new PushReceived(delivery, "github", repository, name(), git.cloneUrl(), ref, "0".repeat(40), sha,
                head, List.of(head), "ada");
    }
}
