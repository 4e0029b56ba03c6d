package dev.slipway.execution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Execution's settings, under {@code slipway.execution}. The engine's address is under
 * {@code slipway.execution.docker} and the workspace root is {@code slipway.execution.workspace-root};
 * their adapters read them.
 *
 * @param concurrency        builds this executor runs at most at once
 * @param executorId         the executor's id in runs and {@code BuildStarted}; empty for
 *                           {@code <hostname>-<pid>}
 * @param enginePollInterval how often to ask the engine and look for queued builds
 * @param heartbeatInterval  how often running builds get a heartbeat
 * @param shutdownGrace      how long a stopping executor lets running builds finish
 * @param logs               how output lines are batched into log chunks
 * @param leaseTimeout       how old a running build's heartbeat may get before its executor is
 *                           taken for lost
 * @param retryLostBuilds    whether a lost executor's build is queued again once rather than
 *                           ending {@code errored}
 * @param containerMemory    the memory each step and service container may use, swap included;
 *                           empty (the default) for no limit
 */
@ConfigurationProperties("slipway.execution")
record ExecutionProperties(@DefaultValue("2") int concurrency,
                           String executorId,
                           @DefaultValue("3s") Duration enginePollInterval,
                           @DefaultValue("10s") Duration heartbeatInterval,
                           @DefaultValue("10s") Duration shutdownGrace,
                           @DefaultValue Logs logs,
                           @DefaultValue("30s") Duration leaseTimeout,
                           @DefaultValue("false") boolean retryLostBuilds,
                           DataSize containerMemory) {

    /**
     * @param maxDelay how long a line waits at most before its chunk is published
     * @param maxLines lines per chunk at most
     */
    record Logs(@DefaultValue("100ms") Duration maxDelay, @DefaultValue("2000") int maxLines) {
    }
}
