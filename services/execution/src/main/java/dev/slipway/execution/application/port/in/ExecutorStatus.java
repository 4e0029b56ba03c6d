package dev.slipway.execution.application.port.in;

import java.util.Objects;

/**
 * What an executor can do right now.
 *
 * @param executorId      the executor's id
 * @param engineAvailable whether the engine answered when last asked
 * @param engine          where the engine is and what it said, in words
 * @param runningBuilds   builds this executor is running
 * @param concurrency     builds it runs at most at once
 */
public record ExecutorStatus(String executorId, boolean engineAvailable, String engine, int runningBuilds,
                             int concurrency) {

    public ExecutorStatus {
        Objects.requireNonNull(executorId, "executorId");
        Objects.requireNonNull(engine, "engine");
    }
}
