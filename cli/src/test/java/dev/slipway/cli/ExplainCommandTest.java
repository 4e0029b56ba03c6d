package dev.slipway.cli;

import static dev.slipway.cli.SamplePipelines.MISSPELT_WHEN;
import static dev.slipway.cli.SamplePipelines.SONYFLAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExplainCommandTest {

    @TempDir
    Path directory;

    @Test
    void printsTheDecisionAloneWithoutThePlan() {
        // explain answers "why", so a run decision comes without images, stages or pushes.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("explain", "--branch", "master");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Event: push to branch `master` at commit ")
                .contains("Decision: run (rule on.push)\n")
                .doesNotContain("Plan:", "Images built", "Pushes");
    }

    @Test
    void namesTheSkipRuleAndTheTokenWhenTheCommitMessageSkips() {
        // A skip token in the head commit message decides before any step is looked at.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("explain", "--branch", "master", "--message", "Fix a typo [skip ci]");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("""
                Decision: skip (rule skip.messages)
                  skipped: head commit message contains `[skip ci]` (rule skip.messages)
                """);
    }

    @Test
    void printsTheDecisionAsJsonWithFormatJson() throws Exception {
        // The JSON is the decision object alone: verdict, rule, reason and steps.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("explain", "--branch", "feature/x", "--format", "json");

        JsonNode decision = JsonMapper.builder().build().readTree(run.out());
        assertThat(decision.get("verdict").asString()).isEqualTo("skip");
        assertThat(decision.get("rule").asString()).isEqualTo("steps");
        assertThat(decision.get("steps").get(1).get("reason").asString()).isEqualTo("requires branch `master`");
        assertThat(decision.has("plan")).isFalse();
    }

    @Test
    void showsWhatTheRestOfABrokenFileDoesAndExitsOne() {
        // A file with errors errors the build, and explain still shows how the event meets the steps it could read.
        Cli.Run run = new Cli(directory).write(".slipway.yml", MISSPELT_WHEN).run("explain", "--branch", "main");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Decision: error (rule lint)\n")
                .contains("errored: the pipeline has 1 error; the first is key.unknown at .slipway.yml:6:5")
                .contains("Ignoring the errors")
                .contains("Decision: run (rule on.push)");
    }
}
