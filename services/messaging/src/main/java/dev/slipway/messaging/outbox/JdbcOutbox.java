package dev.slipway.messaging.outbox;

import dev.slipway.model.Envelope;
import dev.slipway.model.EventCatalog;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EventCodec;
import java.sql.Timestamp;
import java.time.Clock;
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

    @Override
    public Envelope append(SlipwayEvent event, String correlationId, String causationId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox append must share a transaction with the state change it "
                    + "announces; none is active");
        }
        Envelope envelope = Envelope.of(event, correlationId, causationId, clock.instant());
        jdbc.update("""
                insert into outbox (event_id, topic, record_key, event_type, event_version, occurred_at,
                                    correlation_id, causation_id, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                envelope.eventId(), EventCatalog.typeOf(event).topic(), event.key(), envelope.eventType(),
                envelope.eventVersion(), Timestamp.from(envelope.occurredAt()), envelope.correlationId(),
                envelope.causationId(), codec.encode(event));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.run();
            }
        });
        return envelope;
    }
}
