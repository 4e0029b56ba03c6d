package dev.slipway.cli;

import static dev.slipway.cli.SamplePipelines.BROKEN_YAML;
import static dev.slipway.cli.SamplePipelines.MISSPELT_WHEN;
import static dev.slipway.cli.SamplePipelines.SONYFLAKE;
import static dev.slipway.cli.SamplePipelines.TAG_NEEDS_CLEANING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LintCommandTest {

    @TempDir
    Path directory;

    @Test
    void printsAnErrorAsFileLineColumnWithItsHintIndentedBelowAndExitsOne() {
        // A misspelt key is reported where it is written, compiler style, with the hint on the next line.
        Cli.Run run = new Cli(directory).write(".slipway.yml", MISSPELT_WHEN).run("lint");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().toList()).startsWith(
                ".slipway.yml:6:5: error key.unknown: `wehn` is not a key of a step")
                .contains(".slipway.yml: 1 error");
        assertThat(run.out().lines().toList().get(1)).startsWith("    hint: did you mean `when`?");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void reportsAYamlSyntaxErrorAtItsLineAndColumn() {
        // A file YAML cannot read still gets a place, so the editor jumps to it.
        Cli.Run run = new Cli(directory).write("broken.yml", BROKEN_YAML).run("lint", "broken.yml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^broken\\.yml:\\d+:\\d+: error yaml\\.syntax: ");
    }

    @Test
    void exitsZeroWhenThereAreOnlyWarnings() {
        // Warnings are printed but do not fail a CI job, because they do not block a build either.
        Cli.Run run = new Cli(directory).write(".slipway.yml", TAG_NEEDS_CLEANING).run("lint");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(".slipway.yml:6:").contains(" warning template.cleaned: ")
                .contains(".slipway.yml: 1 warning");
    }

    @Test
    void saysSoWhenAFileHasNoProblems() {
        // A clean file exits zero with a one-line summary rather than silence.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("lint");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(".slipway.yml: no problems\n");
    }

    @Test
    void lintsEachNamedFileOnItsOwnAndListsProblemsFileByFile() {
        // Two native files are two pipelines, not one pipeline written twice, and problems follow the order given.
        Cli.Run run = new Cli(directory).write("a/.slipway.yml", MISSPELT_WHEN).write("b.yml", TAG_NEEDS_CLEANING)
                .run("lint", "b.yml", "a");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().filter(l -> !l.startsWith(" ")).toList()).containsExactly(
                "b.yml:6:62: warning template.cleaned: the tag `latest build` is not a valid Docker tag as written and "
                        + "will be cleaned to `latest-build`",
                "a/.slipway.yml:6:5: error key.unknown: `wehn` is not a key of a step",
                "b.yml, a/.slipway.yml: 1 error and 1 warning");
    }

    @Test
    void printsAJsonArrayOfProblemsWithFormatJson() throws Exception {
        // Scripts get every field of a problem, and the same exit code as with text.
        Cli.Run run = new Cli(directory).write(".slipway.yml", MISSPELT_WHEN).run("lint", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode problems = JsonMapper.builder().build().readTree(run.out());
        assertThat(problems.isArray()).isTrue();
        assertThat(problems.size()).isEqualTo(1);
        JsonNode problem = problems.get(0);
        assertThat(problem.get("severity").asString()).isEqualTo("error");
        assertThat(problem.get("code").asString()).isEqualTo("key.unknown");
        assertThat(problem.get("location").asString()).isEqualTo(".slipway.yml:6:5");
        assertThat(problem.get("hint").asString()).startsWith("did you mean `when`?");
    }

    @Test
    void printsAnEmptyJsonArrayForACleanFile() throws Exception {
        // No problems is still valid JSON, so a script can parse the output without a special case.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("lint", "--format", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(JsonMapper.builder().build().readTree(run.out()).isEmpty()).isTrue();
    }

    @Test
    void findsTheCodeshipPairWhenThereIsNoSlipwayFile() {
        // Without .slipway.yml, the default is Codeship Pro's two files, read together as one pipeline.
        Cli.Run run = new Cli(directory).write("codeship-services.yml", "app:\n  build: .\n")
                .write("codeship-steps.json", "[{\"service\": \"app\", \"command\": \"make test\"}]").run("lint");

        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().toList().getLast()).startsWith("codeship-services.yml, codeship-steps.json: ");
    }

    @Test
    void prefersTheSlipwayFileOverTheCodeshipPair() {
        // A repository that has migrated may keep its old Codeship files; the native file is the pipeline.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .write("codeship-services.yml", "app:\n  build: .\n").write("codeship-steps.yml", "- command: x\n")
                .run("lint");

        assertThat(run.out()).isEqualTo(".slipway.yml: no problems\n");
    }
}
