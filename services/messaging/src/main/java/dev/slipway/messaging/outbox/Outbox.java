package dev.slipway.messaging.outbox;

import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import java.util.List;

/**
 * Where a service records the events it emits. Appending must happen inside the database
 * transaction that changes the service's own state, so that the state and the event commit or
 * roll back together. The event reaches Kafka after the commit, once, in commit order per key,
 * across Kafka outages and crashes of the service; {@link OutboxRelay} states the few cases where
 * it may arrive twice, which is why consumers deduplicate on the event id.
 */
public interface Outbox {

    /**
     * Records {@code event} for publishing after the current transaction commits.
     *
     * @param correlationId the delivery or build the event belongs to
     * @param causationId   the event id of the event that caused this one, or {@code null}
     * @return the envelope the event will travel with
     * @throws IllegalStateException when no transaction is active
     */
    Envelope append(SlipwayEvent event, String correlationId, String causationId);

    /**
     * Records several events, in the given order, for publishing after the current transaction
     * commits: the same as one {@link #append} per event, but in one round trip to the database
     * where the implementation can. Their order is kept: one key's events are published in it.
     *
     * @return the envelopes, one per event, in the given order
     * @throws IllegalStateException when no transaction is active
     */
    default List<Envelope> appendAll(List<Pending> events) {
        return events.stream().map(e -> append(e.event(), e.correlationId(), e.causationId())).toList();
    }

    /**
     * The same as {@link #appendAll}, and gives each event's payload as stored too, for a caller
     * that keeps the event beside its own state without encoding it a second time.
     *
     * @return one per event, in the given order
     * @throws IllegalStateException when no transaction is active
     */
    List<Appended> appendAllWithPayloads(List<Pending> events);

    /** What was appended for one event: its envelope and its payload, the bytes its record carries. */
    record Appended(Envelope envelope, byte[] payload) {
    }

    /**
     * One event to append, with what it belongs to.
     *
     * @param correlationId the delivery or build the event belongs to
     * @param causationId   the event id of the event that caused this one, or {@code null}
     * @param payload       the event as {@link dev.slipway.model.codec.EventCodec#encode} gives it, when the
     *                      caller has encoded it already (on its own thread, before handing the event to the one
     *                      that holds the transaction); {@code null} to have the outbox encode it
     */
    record Pending(SlipwayEvent event, String correlationId, String causationId, byte[] payload) {

        /** An event that the outbox encodes itself. */
        public Pending(SlipwayEvent event, String correlationId, String causationId) {
            this(event, correlationId, causationId, null);
        }
    }
}
