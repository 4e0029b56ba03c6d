package dev.slipway.execution.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The command a {@code run} step's container executes: its commands, one after another, in
 * {@code sh -c}, with {@code set -e} so that the first command that fails ends the step with its
 * exit code and the rest never run. Each command is echoed first, prefixed with {@code + }, so
 * that the log shows which command printed what.
 */
public final class StepScript {

    private StepScript() {
    }

    /** {@code [sh, -c, <script>]} for {@code commands}. */
    public static List<String> command(List<String> commands) {
        return List.of("sh", "-c", script(commands));
    }

    /** The script: {@code set -e}, then each command after the line that prints it. */
    public static String script(List<String> commands) {
        List<String> lines = new ArrayList<>();
        lines.add("set -e");
        for (String command : commands) {
            // printf, not echo: the echo of some shells, dash's among them, turns a \n of the command into a newline.
            lines.add("printf '%s\\n' " + quote("+ " + command));
            lines.add(command);
        }
        return String.join("\n", lines) + "\n";
    }

    /** {@code text} as one single-quoted word of the shell. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
