package dev.slipway.execution.adapter.out.kafka;

import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.domain.Run;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.LogChunk;
import org.springframework.stereotype.Component;

/**
 * Writes a run's events to the outbox. They carry the correlation id of the request that queued
 * the run, and the request's event id as their cause, so that a build can be traced back to the
 * delivery that started it.
 */
@Component
class OutboxBuildEventPublisher implements BuildEventPublisher {

    private final Outbox outbox;

    OutboxBuildEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(BuildEvent event, Run run) {
        outbox.append(event, run.correlationId(), run.causationId());
    }

    @Override
    public void publish(LogChunk chunk, Run run) {
        outbox.append(chunk, run.correlationId(), run.causationId());
    }
}
