package dev.slipway.execution.adapter.in.web;

import dev.slipway.execution.application.port.in.ExecutorStatus;
import dev.slipway.execution.application.port.in.ExecutorStatusQuery;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code docker}. It stays UP without an engine: the service is healthy and
 * keeps builds queued, and a restart would not bring an engine. The details say whether builds
 * run or wait, for operators and for the standalone platform's users.
 */
@Component("dockerHealthIndicator")
class DockerHealthIndicator extends AbstractHealthIndicator {

    private final ExecutorStatusQuery executor;

    DockerHealthIndicator(ExecutorStatusQuery executor) {
        super("the executor's status could not be read");
        this.executor = executor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ExecutorStatus status = executor.status();
        builder.up().withDetail("executor", status.executorId());
        if (status.engineAvailable()) {
            builder.withDetail("engine", status.engine())
                    .withDetail("builds", "running " + status.runningBuilds() + " of at most " + status.concurrency());
        } else {
            builder.withDetail("engine", "unavailable")
                    .withDetail("builds", "waiting for a Docker engine")
                    .withDetail("reason", status.engine());
        }
    }
}
