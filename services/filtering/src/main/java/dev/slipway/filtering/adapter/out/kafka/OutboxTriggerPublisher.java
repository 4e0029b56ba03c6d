package dev.slipway.filtering.adapter.out.kafka;

import dev.slipway.filtering.application.port.out.TriggerPublisher;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildTriggerEvent;
import org.springframework.stereotype.Component;

/** Writes triggers to the outbox, correlated with the delivery that caused them. */
@Component
class OutboxTriggerPublisher implements TriggerPublisher {

    private final Outbox outbox;

    OutboxTriggerPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(BuildTriggerEvent trigger, Envelope cause) {
        outbox.append(trigger, cause.correlationId(), cause.eventId().toString());
    }
}
