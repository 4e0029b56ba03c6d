package dev.slipway.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The metadata that travels with every event as Kafka headers (see {@link EnvelopeHeaders}).
 *
 * @param eventType     logical name of the event, such as {@code build.requested}
 * @param eventVersion  schema version of the event's JSON
 * @param eventId       unique id of this event; consumers deduplicate on it
 * @param occurredAt    when it happened
 * @param correlationId the delivery or build it belongs to
 * @param causationId   the event id of its cause, or {@code null} for an event caused from outside
 */
public record Envelope(String eventType, int eventVersion, UUID eventId, Instant occurredAt,
                       String correlationId, String causationId) {

    public Envelope {
        if (eventType == null || eventType.isBlank()) {
            throw new IllegalArgumentException("envelope needs an event-type");
        }
        if (eventVersion < 1) {
            throw new IllegalArgumentException("event-version must be 1 or more, was " + eventVersion);
        }
        Objects.requireNonNull(eventId, "envelope needs an event-id");
        Objects.requireNonNull(occurredAt, "envelope needs occurred-at");
        if (correlationId == null || correlationId.isBlank()) {
            throw new IllegalArgumentException("envelope needs a correlation-id");
        }
    }

    /**
     * A fresh envelope for {@code event}, with a new event id, caused by {@code causationId}. The
     * time is cut to microseconds, the precision PostgreSQL keeps, so that an envelope stored in
     * an outbox reads back equal.
     */
    public static Envelope of(SlipwayEvent event, String correlationId, String causationId, Instant now) {
        EventType<?> type = EventCatalog.typeOf(event);
        return new Envelope(type.name(), type.version(), UUID.randomUUID(), now.truncatedTo(ChronoUnit.MICROS),
                correlationId, causationId);
    }
}
