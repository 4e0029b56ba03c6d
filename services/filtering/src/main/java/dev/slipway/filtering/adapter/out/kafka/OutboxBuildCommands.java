package dev.slipway.filtering.adapter.out.kafka;

import dev.slipway.filtering.application.port.out.BuildCommands;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildCommand;
import org.springframework.stereotype.Component;

/** Build commands through the outbox, in the transaction of the decision that gives them. */
@Component
class OutboxBuildCommands implements BuildCommands {

    private final Outbox outbox;

    OutboxBuildCommands(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(BuildCommand command, Envelope cause) {
        outbox.append(command, cause.correlationId(), cause.eventId().toString());
    }
}
