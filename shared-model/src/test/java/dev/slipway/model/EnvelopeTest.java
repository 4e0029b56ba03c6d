package dev.slipway.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.build.LogChunk;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void anEnvelopeForAnEventCarriesItsLogicalTypeAndVersion() {
        // The envelope names the event by its catalogue name, never by its class.
        LogChunk chunk = new LogChunk(UUID.randomUUID(), "build", 0, List.of("hello"));

        Envelope envelope = Envelope.of(chunk, "build-1", "cause-1", Instant.EPOCH);

        assertThat(envelope.eventType()).isEqualTo("log.chunk");
        assertThat(envelope.eventVersion()).isEqualTo(1);
        assertThat(envelope.correlationId()).isEqualTo("build-1");
        assertThat(envelope.causationId()).isEqualTo("cause-1");
        assertThat(EventCatalog.typeOf(chunk).topic()).isEqualTo(Topics.BUILD_LOGS);
        assertThat(chunk.key()).isEqualTo(chunk.buildId().toString());
    }

    @Test
    void anEnvelopeWithoutCorrelationIsRefused() {
        // Every event belongs to a delivery or a build; an envelope that forgets which is a bug.
        assertThatThrownBy(() -> new Envelope("log.chunk", 1, UUID.randomUUID(), Instant.EPOCH, " ", null))
                .hasMessageContaining("correlation-id");
        assertThatThrownBy(() -> new Envelope("log.chunk", 0, UUID.randomUUID(), Instant.EPOCH, "c", null))
                .hasMessageContaining("event-version");
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        // Poison records are parked beside their topic.
        assertThat(Topics.deadLetter(Topics.SCM_EVENTS)).isEqualTo("slipway.scm.events.dlq");
    }
}
