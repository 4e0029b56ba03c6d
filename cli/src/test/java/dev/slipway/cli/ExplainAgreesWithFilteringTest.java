package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.filtering.application.BuildDecider;
import dev.slipway.filtering.application.port.out.BuildCommands;
import dev.slipway.filtering.application.port.out.DecisionMetrics;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.OwnReleases;
import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import dev.slipway.filtering.domain.Decision;
import dev.slipway.filtering.domain.LoopGuard;
import dev.slipway.model.Envelope;
import dev.slipway.model.scm.ChangedPaths;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.pipeline.PipelineFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code slipway explain} prints, for an event, the very sentence that filtering records as the
 * decision's reason for the same event: filtering's own decider is run here on the push as the
 * git host sends it, and explain on the options that describe that push.
 */
class ExplainAgreesWithFilteringTest {

    private static final String SHA = "4b1f0c9e2d3a5b6c7d8e9f00112233445566778a";

    private static final String MAIN_AND_TAGS = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            steps:
              - name: test
                image: busybox
                run: "true"
              - name: docs
                image: busybox
                run: "true"
                when: { paths: ["docs/**"] }
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}" }
                when: { branch: main }
            """;

    private static final String STEPS_FOR_MAIN_ONLY = """
            version: 1
            on:
              push: { branches: [main] }
              tag: { pattern: "v*" }
            steps:
              - name: test
                image: busybox
                run: "true"
                when: { branch: main }
              - name: release
                release: { tag: "v1.{{ .BuildNumber }}" }
                when: { branch: main }
            """;

    private static final String PUSH_ONLY = """
            version: 1
            on: [push]
            steps:
              - name: test
                image: busybox
                run: "true"
            """;

    private static final String BROKEN = """
            version: 1
            steps:
              - name: test
                image: busybox
                run: "true"
                wehn: { branch: main }
            """;

    @TempDir
    Path directory;

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("a [skip ci] head commit", MAIN_AND_TAGS,
                        push("refs/heads/main", "Fix a typo [skip ci]", List.of("README.md")),
                        List.of("--branch", "main", "--message", "Fix a typo [skip ci]", "--changed", "README.md")),
                Arguments.of("the skip-checks trailer", MAIN_AND_TAGS,
                        push("refs/heads/main", "Fix a typo\n\nskip-checks: true", List.of("README.md")),
                        List.of("--branch", "main", "--message", "Fix a typo\n\nskip-checks: true", "--changed",
                                "README.md")),
                Arguments.of("a branch outside on.push.branches", MAIN_AND_TAGS,
                        push("refs/heads/feature/x", "Try something", List.of("src/A.java")),
                        List.of("--branch", "feature/x", "--message", "Try something", "--changed", "src/A.java")),
                Arguments.of("a push to main, docs untouched", MAIN_AND_TAGS,
                        push("refs/heads/main", "Change the code", List.of("src/A.java")),
                        List.of("--branch", "main", "--message", "Change the code", "--changed", "src/A.java")),
                Arguments.of("a tag whose steps are all for main", STEPS_FOR_MAIN_ONLY,
                        push("refs/tags/v1.0.0", "Anything", List.of()),
                        List.of("--event", "tag", "--tag", "v1.0.0")),
                Arguments.of("a tag on a [skip ci] commit", MAIN_AND_TAGS,
                        push("refs/tags/v2.0.0", "Prepare the release [skip ci]", List.of()),
                        List.of("--event", "tag", "--tag", "v2.0.0")),
                Arguments.of("a tag outside on.tag.pattern", MAIN_AND_TAGS,
                        push("refs/tags/nightly", "Anything", List.of()),
                        List.of("--event", "tag", "--tag", "nightly")),
                Arguments.of("a tag where on takes pushes only", PUSH_ONLY,
                        push("refs/tags/v1.0.0", "Anything", List.of()),
                        List.of("--event", "tag", "--tag", "v1.0.0")),
                Arguments.of("a broken file", BROKEN,
                        push("refs/heads/main", "Change the code", List.of("src/A.java")),
                        List.of("--branch", "main", "--message", "Change the code", "--changed", "src/A.java")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void explainPrintsTheReasonThatFilteringRecords(String what, String pipeline, PushReceived push,
                                                   List<String> options) {
        // The same event through filtering and through explain gives one rule and one sentence.
        Decision decided = decide(pipeline, push);

        List<String> args = new ArrayList<>(List.of("explain"));
        args.addAll(options);
        args.addAll(List.of("--commit", SHA));
        Cli.Run run = new Cli(directory).write(".slipway.yml", pipeline).run(args.toArray(String[]::new));

        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.out() + run.err()).hasSizeGreaterThan(2);
        assertThat(lines.get(1)).isEqualTo("Decision: " + decided.record().verdict().name().toLowerCase()
                + " (rule " + decided.rule() + ")");
        assertThat(lines.get(2)).isEqualTo("  " + decided.reason());
    }

    private static PushReceived push(String ref, String message, List<String> changed) {
        Commit head = new Commit(SHA, message, "Slipway Test");
        return new PushReceived(UUID.randomUUID().toString(), "github", "github:acme/app", "acme/app",
                "file:///nowhere", ref, "0".repeat(39) + "1", SHA, head, List.of(head), "octocat", false, false,
                new ChangedPaths(List.of(), changed, List.of()));
    }

    /** Filtering's decider with its ports in memory, and the pipeline file as the commit's only file. */
    private static Decision decide(String pipeline, PushReceived push) {
        Map<String, Decision> stored = new HashMap<>();
        DecisionStore store = new DecisionStore() {
            @Override
            public Optional<Decision> findByDelivery(String repositoryId, String deliveryId) {
                return Optional.ofNullable(stored.get(deliveryId));
            }

            @Override
            public long nextBuildNumber(String repositoryId) {
                return 41;
            }

            @Override
            public void save(Decision decision) {
                stored.put(decision.deliveryId(), decision);
            }

            @Override
            public List<Decision> supersede(String repositoryId, String ref, long before, UUID by) {
                return List.of();
            }

            @Override
            public void finished(UUID buildId, Instant at) {
            }
        };
        TriggerPublisher ignored = (trigger, cause) -> {
        };
        PipelineSource source = new PipelineSource() {
            @Override
            public Fetched read(String repositoryId, String cloneUrl, String commitSha) {
                return new PipelineSource.Files(List.of(new PipelineFile(".slipway.yml", pipeline)));
            }

            @Override
            public Optional<String> tagCommit(String repositoryId, String cloneUrl, String tag) {
                return Optional.of(SHA);
            }
        };
        // No tag here is Slipway's own: explain knows nothing of releases, and the loop guard is filtering's alone.
        OwnReleases noOwnReleases = new OwnReleases() {
            @Override
            public void recordIntended(ReleaseIntended intended) {
            }

            @Override
            public Optional<LoopGuard.BuildRef> intended(String repositoryId, String tag) {
                return Optional.empty();
            }

            @Override
            public Optional<LoopGuard.BuildRef> planned(String repositoryId, String tag) {
                return Optional.empty();
            }

            @Override
            public LoopGuard.BuildRef build(String repositoryId, UUID buildId) {
                return new LoopGuard.BuildRef(buildId, 0);
            }

            @Override
            public Optional<String> commitOf(String repositoryId, String tag) {
                return Optional.empty();
            }
        };
        DecisionMetrics metrics = new DecisionMetrics() {
            @Override
            public void decided(String outcome, String rule, Duration latency) {
            }

            @Override
            public void pipelineCache(boolean hit) {
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        BuildCommands noCommands = (command, cause) -> {
        };
        BuildDecider decider = new BuildDecider(store, ignored, noCommands, source, noOwnReleases,
                repositoryId -> Optional.empty(), metrics, 16, clock, UUID::randomUUID);
        return decider.decide(push, Envelope.of(push, push.deliveryId(), null, clock.instant())).orElseThrow();
    }
}
