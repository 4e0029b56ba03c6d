package dev.slipway.execution.application;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How this executor works, as the application sees it.
 *
 * @param executorId          the id that claims runs and appears in {@code BuildStarted}
 * @param concurrency         builds run at most at once
 * @param enginePollInterval  how often the dispatcher asks the engine and looks for queued runs
 *                            when nothing woke it
 * @param heartbeatInterval   how often running runs get a heartbeat
 * @param logMaxDelay         how long an output line waits at most before it is published
 * @param logMaxLines         lines per log chunk at most
 * @param shutdownGrace       how long a stopping executor lets running builds finish before it
 *                            interrupts them
 * @param containerMemory     the memory, in bytes, that each step and service container may use,
 *                            or empty for no limit
 */
public record ExecutorSettings(String executorId, int concurrency, Duration enginePollInterval,
                               Duration heartbeatInterval, Duration logMaxDelay, int logMaxLines,
                               Duration shutdownGrace, OptionalLong containerMemory) {

    /** The smallest memory limit Docker accepts for a container (6 MiB on dockerd 20.10). */
    public static final long MIN_CONTAINER_MEMORY = 6L << 20;

    public ExecutorSettings {
        if (executorId == null || executorId.isBlank()) {
            throw new IllegalArgumentException("an executor needs an id");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("slipway.execution.concurrency must be 1 or more, was " + concurrency);
        }
        requirePositive(enginePollInterval, "engine-poll-interval");
        requirePositive(heartbeatInterval, "heartbeat-interval");
        requirePositive(logMaxDelay, "logs.max-delay");
        if (logMaxLines < 1) {
            throw new IllegalArgumentException("slipway.execution.logs.max-lines must be 1 or more, was " + logMaxLines);
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(containerMemory, "containerMemory");
        if (containerMemory.isPresent() && containerMemory.getAsLong() < MIN_CONTAINER_MEMORY) {
            throw new IllegalArgumentException("slipway.execution.container-memory must be at least 6MB (the least "
                    + "that Docker accepts), or empty for no limit; was " + containerMemory.getAsLong() + " bytes");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("slipway.execution." + name + " must be positive, was " + value);
        }
    }
}
