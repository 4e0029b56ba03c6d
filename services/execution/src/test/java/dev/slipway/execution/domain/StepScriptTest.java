package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shell script of a run step, checked by running it in this machine's sh, as a step's container would. */
class StepScriptTest {

    @Test
    void runsTheCommandsInShWithSetE() {
        // Verifies the command's shape: sh -c, set -e first, each command echoed before it runs.
        assertThat(StepScript.command(List.of("make test", "make lint"))).containsExactly("sh", "-c",
                "set -e\nprintf '%s\\n' '+ make test'\nmake test\nprintf '%s\\n' '+ make lint'\nmake lint\n");
    }

    @Test
    void theFirstFailingCommandEndsTheStepWithItsExitCode() throws Exception {
        // Verifies set -e for real: the second command exits 3, the step exits 3, and the third never runs.
        Result result = run(List.of("echo one", "sh -c 'exit 3'", "echo three"));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.lines()).containsExactly("+ echo one", "one", "+ sh -c 'exit 3'");
    }

    @Test
    void echoesCommandsWithQuotesAndVariablesExactlyAsWritten() throws Exception {
        // Verifies the quoting of the echo: quotes, dollars and backslashes print as written, not expanded.
        Result result = run(List.of("echo 'it''s' \"$HOME\" \\n"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines().getFirst()).isEqualTo("+ echo 'it''s' \"$HOME\" \\n");
    }

    @Test
    void runsMultiLineCommandsAsOneCommand() throws Exception {
        // Verifies a YAML block command: its lines run together, and a failure in them ends the step.
        Result result = run(List.of("for i in 1 2; do\n  echo $i\ndone", "false", "echo never"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).contains("1", "2").doesNotContain("never");
    }

    private record Result(int exitCode, List<String> lines) {
    }

    private static Result run(List<String> commands) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(StepScript.command(commands))).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output.lines().toList());
    }
}
