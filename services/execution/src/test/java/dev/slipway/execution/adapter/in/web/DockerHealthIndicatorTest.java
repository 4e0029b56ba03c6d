package dev.slipway.execution.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.in.ExecutorStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class DockerHealthIndicatorTest {

    @Test
    void staysUpWithoutAnEngineAndSaysThatBuildsWait() {
        // Verifies the no-engine health: UP (the service works), with details saying builds wait for an engine.
        DockerHealthIndicator indicator = new DockerHealthIndicator(() -> new ExecutorStatus("host-1", false,
                "no Docker engine answers at unix:///var/run/docker.sock (Connection refused)", 0, 2));

        Health health = indicator.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsAllEntriesOf(Map.of(
                "engine", "unavailable",
                "builds", "waiting for a Docker engine",
                "reason", "no Docker engine answers at unix:///var/run/docker.sock (Connection refused)"));
    }

    @Test
    void namesTheEngineAndTheRunningBuildsWhenThereIsOne() {
        // Verifies the health with an engine: UP, the engine's version and address, and how busy the executor is.
        DockerHealthIndicator indicator = new DockerHealthIndicator(() -> new ExecutorStatus("host-1", true,
                "Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock", 1, 2));

        Health health = indicator.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsAllEntriesOf(Map.of(
                "engine", "Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock",
                "builds", "running 1 of at most 2",
                "executor", "host-1"));
    }
}
