package dev.slipway.cli;

import static dev.slipway.cli.SamplePipelines.CODESHIP_SERVICES;
import static dev.slipway.cli.SamplePipelines.CODESHIP_STEPS;
import static dev.slipway.cli.SamplePipelines.COMMIT;
import static dev.slipway.cli.SamplePipelines.MISSPELT_WHEN;
import static dev.slipway.cli.SamplePipelines.SONYFLAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanCommandTest {

    @TempDir
    Path directory;

    @Test
    void showsTheStagesTheImageBuiltAndWhatIsPushedWhereOnAPushThatRuns() {
        // A push to master runs both steps, builds sonyflake, and pushes it under the commit and latest.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("plan", "--event", "push", "--branch", "master", "--commit", COMMIT, "--message", "Fix the clock");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("""
                Event: push to branch `master` at commit %s
                Decision: run (rule on.push)
                  runs: 2 of 2 steps match push to branch `master` (rule on.push)
                Steps:
                  build  run   matches  (.slipway.yml:5:5)
                  push   push  matches  (.slipway.yml:9:5)
                Plan: build local (number 1) of owner/repo, requested 2000-01-01T00:00:00Z
                """.formatted(COMMIT));
        assertThat(run.out()).contains("""
                Images built:
                  sonyflake  context .; dockerfile Dockerfile
                """);
        assertThat(run.out()).contains("""
                Stages (one after another):
                  1. build
                       build  run in built image sonyflake: go build ./...
                  2. push
                       push  push image sonyflake to titpetric/sonyflake as %s, latest
                Pushes:
                  image sonyflake -> titpetric/sonyflake:%s, titpetric/sonyflake:latest
                """.formatted(COMMIT, COMMIT));
    }

    @Test
    void showsTheSkipSentenceAndNoPlanOnATagThatNoStepMatches() {
        // A tag event matches neither step, so the decision is to skip, with each step's reason, and exits zero.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("plan", "--event", "tag", "--tag", "v1.2.0", "--commit", COMMIT);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                Event: tag `v1.2.0` at commit %s
                Decision: skip (rule steps)
                  skipped: no step matches tag `v1.2.0`. Step `build` requires branch `master`; step `push` requires branch `master`
                Steps:
                  build  run   does not match: requires branch `master`  (.slipway.yml:5:5)
                  push   push  does not match: requires branch `master`  (.slipway.yml:9:5)
                """.formatted(COMMIT));
    }

    @Test
    void putsTheBuildContextOptionsIntoTheRenderedTags() {
        // Build id, number, time and repository come from options, and templates see them.
        String pipeline = """
                version: 1
                images:
                  app: {}
                steps:
                  - name: push
                    push: { image: app, to: r.example.com/app, tags: ["{{ .RepoOwner }}-{{ .BuildNumber }}-{{ .BuildID }}"] }
                """;
        Cli.Run run = new Cli(directory).write("pipeline.yml", pipeline).run("plan", "--branch", "main",
                "--build-number", "42", "--build-id", "b42", "--repo", "acme/app", "--timestamp", "2026-01-31T12:00:00Z",
                "pipeline.yml");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Plan: build b42 (number 42) of acme/app, requested 2026-01-31T12:00:00Z")
                .contains("image app -> r.example.com/app:acme-42-b42");
    }

    @Test
    void printsTheLibrarysPlanJsonWithFormatJson() throws Exception {
        // JSON output is the library's plan JSON, with the documented defaults for what the event does not say.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("plan", "--branch", "master", "--commit", COMMIT, "--format", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.at("/decision/verdict").asString()).isEqualTo("run");
        assertThat(json.at("/plan/build_id").asString()).isEqualTo(BuildContextOptions.DEFAULT_BUILD_ID);
        assertThat(json.at("/plan/created_at").asString()).isEqualTo(BuildContextOptions.DEFAULT_TIMESTAMP);
        assertThat(json.at("/plan/repository").asString()).isEqualTo(BuildContextOptions.DEFAULT_REPOSITORY);
        assertThat(json.at("/plan/stages/1/lanes/0/0/to").asString()).isEqualTo("titpetric/sonyflake");
        assertThat(json.at("/plan/stages/1/lanes/0/0/tags/0").asString()).isEqualTo(COMMIT);
        assertThat(json.at("/problems").isEmpty()).isTrue();
    }

    @Test
    void printsTheSamePlanEveryTime() {
        // No clock or random id: two runs of one command print the same bytes.
        Cli cli = new Cli(directory).write(".slipway.yml", SONYFLAKE);

        String first = cli.run("plan", "--branch", "master", "--format", "json").out();
        String second = cli.run("plan", "--branch", "master", "--format", "json").out();

        assertThat(first).contains("\"build_id\"").isEqualTo(second);
    }

    @Test
    void exitsOneAndListsTheErrorsWhenThePipelineHasErrors() {
        // A broken pipeline has no plan: the decision says it errors, and the problems say why.
        Cli.Run run = new Cli(directory).write(".slipway.yml", MISSPELT_WHEN).run("plan", "--branch", "main");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Decision: error (rule lint)")
                .contains("Problems (1 error):\n.slipway.yml:6:5: error key.unknown: `wehn` is not a key of a step\n")
                .doesNotContain("Plan:");
    }

    @Test
    void matchesPathConditionsAgainstTheChangedPaths() {
        // --changed feeds when.paths: the docs step runs only when a docs file changed.
        String pipeline = """
                version: 1
                steps:
                  - name: test
                    image: alpine:3.20
                    run: make test
                  - name: docs
                    image: alpine:3.20
                    run: make docs
                    when: { paths: ["docs/**"] }
                """;
        Cli cli = new Cli(directory).write(".slipway.yml", pipeline);

        Cli.Run withDocs = cli.run("plan", "--branch", "main", "--changed", "src/a.go,docs/guide.md");
        Cli.Run withoutDocs = cli.run("plan", "--branch", "main", "--changed", "src/a.go");

        assertThat(withDocs.out()).contains("  2. docs");
        assertThat(withoutDocs.out()).contains("docs  run  does not match: requires a changed path matching `docs/**`").doesNotContain("  2. docs");
    }

    @Test
    void plansTheCodeshipPairFoundInTheDirectoryAndPushesTheImageBuiltForTheService() {
        // The seed's case through the CLI: with no .slipway.yml, the Codeship pair is read, and master pushes sonyflake.
        Cli.Run run = new Cli(directory).write("codeship-services.yml", CODESHIP_SERVICES)
                .write("codeship-steps.yml", CODESHIP_STEPS).run("plan", "--branch", "master", "--commit", COMMIT);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Decision: run")
                .contains("  image sonyflake -> titpetric/sonyflake:" + COMMIT + "\n");
    }

    @Test
    void skipsTheCodeshipPairOnAnotherBranchWithTheReason() {
        // A push to another branch matches no step of the master-only group, and the sentence says so.
        Cli.Run run = new Cli(directory).write("codeship-services.yml", CODESHIP_SERVICES)
                .write("codeship-steps.yml", CODESHIP_STEPS).run("plan", "--branch", "develop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Decision: skip (rule steps)\n  skipped: no step matches push to branch `develop`")
                .doesNotContain("Plan:");
    }
}
