package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container that runs beside the steps that need it, such as a database.
 *
 * @param name        its name, which is also its host name on the build network
 * @param image       the image it runs: pulled, or built by the pipeline
 * @param environment its environment
 * @param sysctls     kernel parameters set in its namespaces; see the lint for what is allowed
 * @param healthcheck how to tell it is ready; steps that need it wait for it
 * @param dependsOn   services that must be up before it starts
 * @param hostNetwork whether it uses the host's network instead of the build network
 */
public record ServiceSpec(String name, Location location, ImageRef image, List<EnvVar> environment, List<Sysctl> sysctls,
                          Optional<Healthcheck> healthcheck, List<Reference> dependsOn, boolean hostNetwork) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(image, "image");
        environment = List.copyOf(environment);
        sysctls = List.copyOf(sysctls);
        Objects.requireNonNull(healthcheck, "healthcheck");
        dependsOn = List.copyOf(dependsOn);
    }

    /** One kernel parameter, as written. */
    public record Sysctl(String key, String value, Location location) {
        public Sysctl {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A command run inside the service until it exits 0.
     *
     * @param command  run with {@code /bin/sh -c}
     * @param interval between tries
     * @param timeout  for one try
     * @param retries  tries before the service counts as failed
     */
    public record Healthcheck(Location location, String command, Duration interval, Duration timeout, int retries) {

        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final int DEFAULT_RETRIES = 30;

        public Healthcheck {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            if (retries < 1) {
                throw new IllegalArgumentException("retries must be at least 1, got " + retries);
            }
        }
    }
}
