package dev.slipway.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Envelope;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventProbeFiltersTest {

    @Test
    void correlatedToMatchesOnlyRecordsWhoseEnvelopeCarriesThatCorrelationId() {
        // Verifies that the filter picks one delivery's records and passes over others' and those without an envelope.
        ReceivedEvent ofDelivery = received(new Envelope("push.received", 1, UUID.randomUUID(), Instant.now(),
                "delivery-1", null));
        ReceivedEvent ofAnother = received(new Envelope("push.received", 1, UUID.randomUUID(), Instant.now(),
                "delivery-2", "delivery-1"));
        ReceivedEvent withoutEnvelope = received(null);

        assertThat(EventProbe.correlatedTo("delivery-1")).accepts(ofDelivery).rejects(ofAnother, withoutEnvelope);
    }

    private static ReceivedEvent received(Envelope envelope) {
        return new ReceivedEvent("slipway.scm.events", "github:acme/app", envelope, null, new byte[0],
                new RecordHeaders());
    }
}
