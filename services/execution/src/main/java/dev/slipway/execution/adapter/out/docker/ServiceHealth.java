package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reads a service container's state as the engine reports it into whether a build may go on.
 * Pure: the backend polls the engine and asks this what it saw.
 */
final class ServiceHealth {

    /** The longest piece of a check's output quoted in a reason. */
    static final int MAX_OUTPUT = 200;

    private ServiceHealth() {
    }

    /** What the engine's state means for the build. */
    sealed interface Verdict permits Healthy, Starting, Failed {
    }

    /** The check passed, or the container has none. */
    record Healthy() implements Verdict {
    }

    /** The engine has not decided yet; ask again. */
    record Starting(String service, String lastCheck) implements Verdict {

        /** Why the service is not healthy once the wait for it is over. */
        String timedOut(Duration limit) {
            return "service " + service + " is not healthy after " + words(limit) + ": "
                    + (lastCheck == null ? "its health check has not run yet" : "still starting, last check: " + lastCheck);
        }
    }

    /** It will not become healthy: it failed its check, or stopped. */
    record Failed(String reason) implements Verdict {
    }

    /**
     * What the engine's state of {@code service} means.
     *
     * @param test the container's health check as the engine keeps it ({@code [CMD, pg_isready]}), or null
     */
    static Verdict of(String service, InspectContainerResponse.ContainerState state, List<String> test) {
        if (!Boolean.TRUE.equals(state.getRunning())) {
            Long code = state.getExitCodeLong();
            return new Failed("service " + service + " stopped before it was healthy"
                    + (code == null ? "" : ", with exit code " + code)
                    + (Boolean.TRUE.equals(state.getOOMKilled()) ? ", killed for memory" : "")
                    + (state.getError() == null || state.getError().isBlank() ? "" : ": " + state.getError()));
        }
        HealthState health = state.getHealth();
        if (health == null || health.getStatus() == null || health.getStatus().equals("none")) {
            return new Healthy();
        }
        String lastCheck = lastCheck(health, test);
        return switch (health.getStatus()) {
            case "healthy" -> new Healthy();
            case "unhealthy" -> new Failed("service " + service + " is unhealthy after "
                    + checks(health.getFailingStreak()) + (lastCheck == null ? "" : ": " + lastCheck));
            default -> new Starting(service, lastCheck);
        };
    }

    private static String checks(Integer failingStreak) {
        int count = failingStreak == null ? 0 : failingStreak;
        return count == 1 ? "1 failed check" : count + " failed checks";
    }

    /** The last check in words, such as {@code pg_isready exited 2: no response}. */
    private static String lastCheck(HealthState health, List<String> test) {
        List<HealthStateLog> log = health.getLog();
        if (log == null || log.isEmpty()) {
            return null;
        }
        HealthStateLog last = log.getLast();
        String command = command(test);
        Long code = last.getExitCodeLong();
        String output = last.getOutput() == null ? "" : last.getOutput().strip().replaceAll("\\s*\\n\\s*", " / ");
        if (output.length() > MAX_OUTPUT) {
            output = output.substring(0, MAX_OUTPUT) + "...";
        }
        return command + (code == null ? " did not finish" : " exited " + code) + (output.isEmpty() ? "" : ": " + output);
    }

    private static String command(List<String> test) {
        if (test == null || test.isEmpty()) {
            return "the check";
        }
        List<String> words = test.getFirst().equals("CMD") || test.getFirst().equals("CMD-SHELL")
                ? test.subList(1, test.size()) : test;
        return words.isEmpty() ? "the check" : String.join(" ", words);
    }

    private static String words(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() + "ms";
    }
}
