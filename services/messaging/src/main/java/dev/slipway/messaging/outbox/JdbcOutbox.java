package dev.slipway.messaging.outbox;

import dev.slipway.model.Envelope;
import dev.slipway.model.EventCatalog;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EventCodec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox in the service's own schema, table {@code outbox}. */
public final class JdbcOutbox implements Outbox {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final Clock clock;
    private final Runnable afterCommit;

    /**
     * @param afterCommit called once a transaction that appended has committed, to wake the relay
     */
    public JdbcOutbox(JdbcTemplate jdbc, EventCodec codec, Clock clock, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    private static final String INSERT = """
            insert into outbox (event_id, topic, record_key, event_type, event_version, occurred_at,
                                correlation_id, causation_id, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    @Override
    public Envelope append(SlipwayEvent event, String correlationId, String causationId) {
        return appendAll(List.of(new Pending(event, correlationId, causationId))).getFirst();
    }

    /**
     * Inserts the rows in one JDBC batch. PostgreSQL runs a batch's statements in order, so the rows'
     * ids, which the relay publishes by, follow the list's order.
     */
    @Override
    public List<Envelope> appendAll(List<Pending> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox append must share a transaction with the state change it "
                    + "announces; none is active");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Envelope> envelopes = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Pending pending : events) {
            SlipwayEvent event = pending.event();
            Envelope envelope = Envelope.of(event, pending.correlationId(), pending.causationId(), now);
            envelopes.add(envelope);
            rows.add(new Object[] {envelope.eventId(), EventCatalog.typeOf(event).topic(), event.key(),
                    envelope.eventType(), envelope.eventVersion(), Timestamp.from(envelope.occurredAt()),
                    envelope.correlationId(), envelope.causationId(), codec.encode(event)});
        }
        if (rows.size() == 1) {
            jdbc.update(INSERT, rows.getFirst());
        } else {
            jdbc.batchUpdate(INSERT, rows);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.run();
            }
        });
        return List.copyOf(envelopes);
    }
}
