package dev.slipway.execution.adapter.out.docker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the Docker engine, under {@code slipway.execution.docker}.
 *
 * @param host               the engine's address, such as {@code unix:///var/run/docker.sock} or
 *                           {@code tcp://127.0.0.1:2375}; empty for {@code DOCKER_HOST} or the local socket
 * @param probeTimeout       how long a check whether the engine answers may take
 * @param helperImage        a small image with a shell, present on the engine, for the short-lived
 *                           container that fills a build's workspace volume; it is never pulled
 * @param timeoutGrace       how long a step that ran past its time limit gets between SIGTERM and SIGKILL
 * @param healthPollInterval how often a service's health is asked while a build waits for it
 * @param builder            which of the engine's builders builds images: {@code buildkit} (the default)
 *                           or {@code classic}
 * @param attachOutput       whether a container's output is read from streams attached before it starts
 *                           (the default); false reads every container's output from a log the engine
 *                           keeps, as for a container the engine refused to attach
 */
@ConfigurationProperties("slipway.execution.docker")
record DockerProperties(String host,
                        @DefaultValue("3s") Duration probeTimeout,
                        @DefaultValue("busybox:latest") String helperImage,
                        @DefaultValue("5s") Duration timeoutGrace,
                        @DefaultValue("200ms") Duration healthPollInterval,
                        @DefaultValue("buildkit") ImageBuilder builder,
                        @DefaultValue("true") boolean attachOutput) {

    /** The defaults, for an engine at {@code host} ({@code null} for the usual place). */
    static DockerProperties defaults(String host) {
        return new DockerProperties(host, Duration.ofSeconds(3), "busybox:latest", Duration.ofSeconds(5),
                Duration.ofMillis(200), ImageBuilder.BUILDKIT, true);
    }

    /** The same settings with images built by {@code imageBuilder}. */
    DockerProperties withBuilder(ImageBuilder imageBuilder) {
        return new DockerProperties(host, probeTimeout, helperImage, timeoutGrace, healthPollInterval, imageBuilder,
                attachOutput);
    }

    /** The same settings, reading every container's output from a log the engine keeps. */
    DockerProperties readingEngineLogs() {
        return new DockerProperties(host, probeTimeout, helperImage, timeoutGrace, healthPollInterval, builder, false);
    }
}
