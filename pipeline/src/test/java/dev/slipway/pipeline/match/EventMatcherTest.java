package dev.slipway.pipeline.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.model.Pipeline;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every rule and every sentence form of a decision. */
class EventMatcherTest {

    private static final String TWO_STEPS = """
            version: 1
            on:
              push: { branches: [main, "release/*"] }
              tag: { pattern: "v*" }
              pull_request: { branches: [main] }
            steps:
              - name: test
                image: alpine:3.20
                run: make test
              - name: push
                image: alpine:3.20
                run: make push
                when: { branch: master }
            """;

    private static Decision decide(String yaml, Event event) {
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", yaml);
        assertThat(loaded.errors()).isEmpty();
        Pipeline pipeline = loaded.pipeline().orElseThrow();
        return Pipelines.decide(pipeline, event);
    }

    @Test
    void aHeadCommitSkipTokenSkipsAPushWithTheRuleAndTheToken() {
        // The first sentence form of the issue, word for word.
        Decision decision = decide(TWO_STEPS, Event.push("main", "abc", "Fix typo [skip ci]"));

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.SKIP);
        assertThat(decision.rule()).isEqualTo("skip.messages");
        assertThat(decision.reason()).isEqualTo("skipped: head commit message contains `[skip ci]` (rule skip.messages)");
    }

    @Test
    void aTagEventIsNeverSkippedByACommitMessage() {
        // Even a tag event that carries a message with a token, and a pipeline that checks all commits, runs.
        String allCommits = TWO_STEPS.replace("steps:", "skip: { scope: all-commits }\nsteps:");
        Event tag = new Event(dev.slipway.pipeline.model.EventType.TAG, "", "", "v1.0.0", "abc", "Release [skip ci]",
                List.of("[ci skip]"), List.of(), "", false);

        Decision decision = decide(allCommits, tag);

        assertThat(decision.runs()).isTrue();
        assertThat(decision.rule()).isEqualTo("on.tag");
    }

    @Test
    void aManualBuildIsNeverSkippedByACommitMessageEither() {
        // Messages skip push and pull_request only.
        String manual = TWO_STEPS.replace("on:\n", "on:\n  manual: true\n");
        Event event = new Event(dev.slipway.pipeline.model.EventType.MANUAL, "main", "", "", "abc", "[skip ci]",
                List.of(), List.of(), "", false);

        assertThat(decide(manual, event).runs()).isTrue();
    }

    @Test
    void theNoStepMatchesSentenceNamesTheEventAndEachStepsReason() {
        // The second sentence form of the issue: a tag that only a branch-bound step could have matched.
        String onlyMaster = """
                version: 1
                steps:
                  - name: push
                    image: alpine:3.20
                    run: make push
                    when: { branch: master }
                """;

        Decision decision = decide(onlyMaster, Event.tag("v1.2.0", "abc"));

        assertThat(decision.rule()).isEqualTo("steps");
        assertThat(decision.reason()).isEqualTo("skipped: no step matches tag `v1.2.0`. Step `push` requires branch `master`");
        assertThat(decision.steps()).singleElement().satisfies(m -> {
            assertThat(m.matched()).isFalse();
            assertThat(m.reason()).isEqualTo("requires branch `master`");
        });
    }

    @Test
    void theNoStepMatchesSentenceNamesFiveStepsAndCountsTheRest() {
        // A 40-step pipeline must not produce a 40-clause sentence.
        StringBuilder yaml = new StringBuilder("version: 1\nsteps:\n");
        IntStream.range(0, 8).forEach(i -> yaml.append("  - name: s").append(i)
                .append("\n    image: alpine:3.20\n    run: x\n    when: { event: pull_request }\n"));

        Decision decision = decide(yaml.toString(), Event.push("main", "abc", "x"));

        assertThat(decision.reason()).isEqualTo("skipped: no step matches push to branch `main`. Step `s0` requires event "
                + "`pull_request`; step `s1` requires event `pull_request`; step `s2` requires event `pull_request`; step `s3` "
                + "requires event `pull_request`; step `s4` requires event `pull_request`; and 3 more");
    }

    @Test
    void anEventTypeOutsideOnIsSkippedByRuleOn() {
        // `on` lists push, tag and pull_request; a manual build is not among them.
        Decision decision = decide(TWO_STEPS, Event.manual("main", "abc"));

        assertThat(decision.reason()).isEqualTo(
                "skipped: the pipeline does not run on manual events; `on` accepts push, tag, pull_request (rule on)");
    }

    @Test
    void aBranchOutsideOnPushBranchesIsSkippedWithThePatterns() {
        // The trigger's patterns are listed, so the user sees why `feature/x` was not built.
        Decision decision = decide(TWO_STEPS, Event.push("feature/x", "abc", "x"));

        assertThat(decision.reason()).isEqualTo("skipped: branch `feature/x` matches none of on.push.branches "
                + "(`main`, `release/*`) (rule on.push.branches)");
    }

    @Test
    void aTagOutsideOnTagPatternIsSkippedByRuleOnTag() {
        // Tag events are governed by on.tag.
        assertThat(decide(TWO_STEPS, Event.tag("nightly", "abc")).reason())
                .isEqualTo("skipped: tag `nightly` matches none of on.tag.pattern (`v*`) (rule on.tag)");
    }

    @Test
    void slipwaysOwnReleaseTagIsSkippedUnlessIncluded() {
        // The release loop is broken by default and can be opened on purpose.
        Decision skipped = decide(TWO_STEPS, Event.tag("v1.0.1", "abc").asOwnRelease());
        Decision included = decide(TWO_STEPS.replace("pattern: \"v*\"", "pattern: \"v*\", include_own_releases: true"),
                Event.tag("v1.0.1", "abc").asOwnRelease());

        assertThat(skipped.reason()).isEqualTo("skipped: tag `v1.0.1` was created by a Slipway release, and "
                + "on.tag.include_own_releases is false (rule on.tag.include_own_releases)");
        assertThat(included.runs()).isTrue();
    }

    @Test
    void anIncludedOwnReleaseTagIsBuiltButItsReleaseStepsNeverMatch() {
        // include_own_releases opens the tag build, not the loop: the release step is left out, the other steps run.
        String yaml = """
                version: 1
                on:
                  tag: { pattern: "v*", include_own_releases: true }
                steps:
                  - name: test
                    image: alpine:3.20
                    run: make test
                  - name: release
                    release: { tag: "v1.{{ .BuildNumber }}", notes: changelog }
                """;

        Decision own = decide(yaml, Event.tag("v1.41", "abc").asOwnRelease());
        Decision foreign = decide(yaml, Event.tag("v1.41", "abc"));

        assertThat(own.runs()).isTrue();
        assertThat(own.reason()).isEqualTo("runs: 1 of 2 steps match tag `v1.41` (rule on.tag)");
        assertThat(own.steps()).filteredOn(s -> s.name().equals("release")).singleElement().satisfies(s -> {
            assertThat(s.matched()).isFalse();
            assertThat(s.reason()).isEqualTo("is a release step, and tag `v1.41` was created by Slipway's own release: "
                    + "on.tag.include_own_releases builds it, never releases it again");
        });
        assertThat(foreign.matchedSteps()).containsExactlyInAnyOrder("test", "release");
    }

    @Test
    void aPullRequestIntoAnUnlistedBranchIsSkippedByItsTarget() {
        // on.pull_request.branches filters the branch the pull request goes into.
        assertThat(decide(TWO_STEPS, Event.pullRequest("feature/x", "develop", "abc", "x")).reason())
                .isEqualTo("skipped: target branch `develop` matches none of on.pull_request.branches (`main`) "
                        + "(rule on.pull_request.branches)");
    }

    @Test
    void aRunSentenceCountsTheMatchingStepsAndNamesTheTriggerRule() {
        // Runs are explained too: how many steps, for which event, admitted by which rule.
        Decision decision = decide(TWO_STEPS, Event.push("main", "abc", "x"));

        assertThat(decision.runs()).isTrue();
        assertThat(decision.reason()).isEqualTo("runs: 1 of 2 steps match push to branch `main` (rule on.push.branches)");
        assertThat(decision.matchedSteps()).containsExactly("test");
    }

    @Test
    void allCommitsScopeSkipsOnATokenInAnOlderCommit() {
        // With scope all-commits, any commit of the push can skip it; the sentence names the scope.
        String allCommits = TWO_STEPS.replace("steps:", "skip: { scope: all-commits }\nsteps:");
        Event push = Event.push("main", "abc", "real").withCommitMessages(List.of("real", "docs [ci skip]"));

        assertThat(decide(allCommits, push).reason()).isEqualTo("skipped: a commit message of the push contains "
                + "`[ci skip]` and skip.scope is all-commits (rule skip.messages)");
        assertThat(decide(TWO_STEPS, push).runs()).isTrue();
    }

    @Test
    void aPipelineWithLintErrorsIsErroredWithItsFirstError() {
        // A broken file never runs; the decision says why in one sentence.
        Pipelines.Loaded loaded = Pipelines.load(".slipway.yml", "version: 1\nsteps:\n  - name: x\n    image: a\n    rn: y\n");

        Decision decision = Pipelines.decide(loaded, Event.push("main", "abc", "x"));

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.ERROR);
        assertThat(decision.rule()).isEqualTo("lint");
        assertThat(decision.reason()).startsWith("errored: the pipeline has 2 errors; the first is key.unknown at .slipway.yml:5:5");
    }

    @Test
    void aBuildOfOnlyFailureStepsIsSkippedBecauseNothingCouldFail() {
        // A notify-on-failure step alone would start an executor for nothing.
        String yaml = """
                version: 1
                steps:
                  - name: test
                    image: alpine:3.20
                    run: make test
                    when: { branch: main }
                  - name: notify
                    image: alpine:3.20
                    run: ./notify
                    when: { status: failure }
                """;

        Decision decision = decide(yaml, Event.push("develop", "abc", "x"));

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.SKIP);
        assertThat(decision.rule()).isEqualTo("steps");
        assertThat(decision.reason()).isEqualTo("skipped: only steps that run after a failure match push to branch `develop` (`notify`)");
        assertThat(decide(yaml, Event.push("main", "abc", "x")).runs()).isTrue();
    }
}
