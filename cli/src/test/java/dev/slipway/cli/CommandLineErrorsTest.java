package dev.slipway.cli;

import static dev.slipway.cli.SamplePipelines.SONYFLAKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineErrorsTest {

    @TempDir
    Path directory;

    @Test
    void aMissingFileIsNamedOnStderrWithExitTwo() {
        // A typo in a file name is a usage error, not a lint result, and nothing goes to stdout.
        Cli.Run run = new Cli(directory).run("lint", "missing.yml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("slipway: no such file: missing.yml\n")
                .contains("Run `slipway lint --help` for the options.");
    }

    @Test
    void aDirectoryWithoutAPipelineSaysWhatWasLookedFor() {
        // With no file named and none found, the message lists the names tried.
        Cli.Run run = new Cli(directory).run("plan", "--branch", "main");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no pipeline file in the current directory")
                .contains(".slipway.yml").contains("codeship-services.yml with codeship-steps.yml");
    }

    @Test
    void anUnknownOptionIsRejectedWithASuggestion() {
        // picocli's near-miss suggestion points at the option that was meant.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("plan", "--evnt", "push");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("slipway: Unknown option: '--evnt'").contains("--event");
    }

    @Test
    void aBadEventValueListsTheEventsThereAre() {
        // Event names are spelled as in pipeline files, and a wrong one is answered with the list.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("explain", "--event", "pr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("`pr` is not an event; use one of push, tag, pull_request, manual");
    }

    @Test
    void anEventWithoutWhatItNeedsSaysWhichOptionIsMissing() {
        // Each event type names the option it lacks instead of failing deep in the library.
        Cli cli = new Cli(directory).write(".slipway.yml", SONYFLAKE);

        assertThat(cli.run("plan").err()).contains("push events need --branch");
        assertThat(cli.run("plan", "--event", "tag").err()).contains("tag events need --tag");
        assertThat(cli.run("plan", "--event", "pull_request", "--branch", "fix").err())
                .contains("pull_request events need --branch (the source) and --target-branch");
        assertThat(cli.run("plan").exitCode()).isEqualTo(2);
    }

    @Test
    void aCommitMessageOnATagEventIsRejectedBecauseTagsCarryNone() {
        // Skip tokens never apply to tags; accepting --message there would suggest they do.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE)
                .run("plan", "--event", "tag", "--tag", "v1.0.0", "--message", "[skip ci]");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tag events carry no commit message, so skip rules do not apply to them");
    }

    @Test
    void badBuildContextValuesAreUsageErrors() {
        // Malformed --repo, --timestamp and --build-number are caught before anything is planned.
        Cli cli = new Cli(directory).write(".slipway.yml", SONYFLAKE);

        assertThat(cli.run("plan", "--branch", "main", "--repo", "acme").err())
                .contains("--repo takes OWNER/NAME, such as acme/app, not `acme`");
        assertThat(cli.run("plan", "--branch", "main", "--timestamp", "yesterday").err())
                .contains("`yesterday` is not an ISO-8601 instant");
        assertThat(cli.run("plan", "--branch", "main", "--build-number", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void aBadFormatIsRejected() {
        // Only text and json exist; anything else is named back.
        Cli.Run run = new Cli(directory).write(".slipway.yml", SONYFLAKE).run("lint", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("`xml` is not a format; use text or json");
    }

    @Test
    void planRefusesTwoPipelinesAtOnce() {
        // plan and explain decide for one pipeline; two native files are two pipelines.
        Cli.Run run = new Cli(directory).write("a.yml", SONYFLAKE).write("b.yml", SONYFLAKE)
                .run("plan", "--branch", "master", "a.yml", "b.yml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("these files make 2 pipelines");
    }

    @Test
    void noCommandIsAUsageError() {
        // Bare `slipway` names the commands rather than doing nothing.
        Cli.Run run = new Cli(directory).run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a command: lint, plan or explain");
    }
}
