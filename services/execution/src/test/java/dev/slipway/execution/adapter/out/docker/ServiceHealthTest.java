package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    /** The mapper docker-java itself reads the engine's answers with. */
    private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
            .getObjectMapper();
    private static final List<String> PG_ISREADY = List.of("CMD", "pg_isready", "-U", "postgres");

    @Test
    void aRunningContainerWithoutACheckIsHealthy() {
        // Verifies that a service with no health check is ready as soon as it runs.
        assertThat(ServiceHealth.of("db", state("""
                {"Running":true,"ExitCode":0}"""), null)).isInstanceOf(ServiceHealth.Healthy.class);
    }

    @Test
    void aHealthyCheckIsHealthy() {
        // Verifies the engine's own verdict "healthy".
        assertThat(ServiceHealth.of("db", state("""
                {"Running":true,"Health":{"Status":"healthy","FailingStreak":0,"Log":[]}}"""), PG_ISREADY))
                .isInstanceOf(ServiceHealth.Healthy.class);
    }

    @Test
    void anUnhealthyCheckSaysHowManyChecksFailedAndWhatTheLastOneSaid() {
        // Verifies the reason's words: the service, the failed checks, the command, its exit code and output.
        ServiceHealth.Verdict health = ServiceHealth.of("db", state("""
                {"Running":true,"Health":{"Status":"unhealthy","FailingStreak":5,"Log":[
                  {"Start":"x","End":"y","ExitCode":2,"Output":"/var/run/postgresql:5432 - no response\\n"}]}}"""),
                PG_ISREADY);

        assertThat(health).isEqualTo(new ServiceHealth.Failed(
                "service db is unhealthy after 5 failed checks: pg_isready -U postgres exited 2: "
                        + "/var/run/postgresql:5432 - no response"));
    }

    @Test
    void aStartingCheckIsAskedAgainAndSaysSoWhenTimeRunsOut() {
        // Verifies "starting": not a verdict yet, and the words when the wait's limit comes.
        ServiceHealth.Verdict before = ServiceHealth.of("db", state("""
                {"Running":true,"Health":{"Status":"starting","FailingStreak":0,"Log":[]}}"""), PG_ISREADY);
        ServiceHealth.Verdict after = ServiceHealth.of("db", state("""
                {"Running":true,"Health":{"Status":"starting","FailingStreak":1,"Log":[
                  {"ExitCode":1,"Output":""}]}}"""), PG_ISREADY);

        assertThat(((ServiceHealth.Starting) before).timedOut(Duration.ofSeconds(30)))
                .isEqualTo("service db is not healthy after 30s: its health check has not run yet");
        assertThat(((ServiceHealth.Starting) after).timedOut(Duration.ofMillis(1500)))
                .isEqualTo("service db is not healthy after 1500ms: still starting, last check: "
                        + "pg_isready -U postgres exited 1");
    }

    @Test
    void aServiceThatStoppedWillNotBecomeHealthy() {
        // Verifies that an exited service is a verdict at once, with its exit code and an OOM kill.
        assertThat(ServiceHealth.of("db", state("""
                {"Running":false,"ExitCode":137,"OOMKilled":true,"Error":""}"""), PG_ISREADY))
                .isEqualTo(new ServiceHealth.Failed("service db stopped before it was healthy, with exit code 137, "
                        + "killed for memory"));
    }

    @Test
    void aShellCheckIsQuotedWithoutItsPrefixAndLongOutputIsCut() {
        // Verifies CMD-SHELL checks and that a check that prints a page is quoted in 200 characters.
        String longOutput = "x".repeat(500);
        ServiceHealth.Verdict health = ServiceHealth.of("web", state("""
                {"Running":true,"Health":{"Status":"unhealthy","FailingStreak":1,"Log":[{"ExitCode":1,"Output":"%s"}]}}"""
                .formatted(longOutput)), List.of("CMD-SHELL", "curl -f localhost"));

        assertThat(((ServiceHealth.Failed) health).reason())
                .startsWith("service web is unhealthy after 1 failed check: curl -f localhost exited 1: xxx")
                .endsWith("x...")
                .hasSize("service web is unhealthy after 1 failed check: curl -f localhost exited 1: ".length() + 203);
    }

    private static InspectContainerResponse.ContainerState state(String json) {
        try {
            // The state is an inner class that only its container's answer can make.
            return JSON.readValue("{\"State\":" + json + "}", InspectContainerResponse.class).getState();
        } catch (Exception e) {
            throw new AssertionError("bad test state " + json, e);
        }
    }
}
