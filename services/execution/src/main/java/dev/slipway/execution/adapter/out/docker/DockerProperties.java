package dev.slipway.execution.adapter.out.docker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the Docker engine, under {@code slipway.execution.docker}.
 *
 * @param host         the engine's address, such as {@code unix:///var/run/docker.sock} or
 *                     {@code tcp://127.0.0.1:2375}; empty for {@code DOCKER_HOST} or the local socket
 * @param probeTimeout how long a check whether the engine answers may take
 */
@ConfigurationProperties("slipway.execution.docker")
record DockerProperties(String host, @DefaultValue("3s") Duration probeTimeout) {
}
