package dev.slipway.messaging.outbox;

import dev.slipway.messaging.jdbc.Lz4Block;
import dev.slipway.messaging.jdbc.MultiRowInsert;
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

    /**
     * Payloads of this many bytes or more are stored compressed (migration 0.4): they would not fit
     * in the row (8,160 bytes, migration 0.3) anyway. An SCM event of a GitHub push is about 4 KB.
     */
    static final int COMPRESSED_FROM = 8_192;

    private static final MultiRowInsert INSERT = new MultiRowInsert("""
            insert into outbox (event_id, topic, record_key, event_type, event_version, occurred_at,
                                correlation_id, causation_id, payload, payload_compression, payload_length)
            values""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "");

    @Override
    public Envelope append(SlipwayEvent event, String correlationId, String causationId) {
        return appendAll(List.of(new Pending(event, correlationId, causationId))).getFirst();
    }

    /**
     * Inserts the rows in multi-row statements ({@link MultiRowInsert}), in the list's order:
     * PostgreSQL inserts the rows of one {@code values} list in order and the statements run one
     * after the other, so the rows' ids, which the relay publishes by, follow the list's order.
     */
    @Override
    public List<Envelope> appendAll(List<Pending> events) {
        return appendAllWithPayloads(events).stream().map(Appended::envelope).toList();
    }

    @Override
    public List<Appended> appendAllWithPayloads(List<Pending> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox append must share a transaction with the state change it "
                    + "announces; none is active");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Envelope> envelopes = new ArrayList<>(events.size());
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (Pending pending : events) {
            SlipwayEvent event = pending.event();
            envelopes.add(Envelope.of(event, pending.correlationId(), pending.causationId(), now));
            payloads.add(pending.payload() != null ? pending.payload() : codec.encode(event));
        }
        int from = 0;
        while (from < envelopes.size()) {
            int size = MultiRowInsert.rowsInNext(envelopes.size() - from);
            int first = from;
            jdbc.update(INSERT.statement(size), statement -> {
                int p = 1;
                for (int k = first; k < first + size; k++) {
                    Envelope envelope = envelopes.get(k);
                    SlipwayEvent event = events.get(k).event();
                    statement.setObject(p++, envelope.eventId());
                    statement.setString(p++, EventCatalog.typeOf(event).topic());
                    statement.setString(p++, event.key());
                    statement.setString(p++, envelope.eventType());
                    statement.setInt(p++, envelope.eventVersion());
                    statement.setTimestamp(p++, Timestamp.from(envelope.occurredAt()));
                    statement.setString(p++, envelope.correlationId());
                    statement.setString(p++, envelope.causationId());
                    byte[] payload = payloads.get(k);
                    Lz4Block stored = payload.length >= COMPRESSED_FROM ? Lz4Block.of(payload)
                            : new Lz4Block(payload, null, payload.length);
                    statement.setBytes(p++, stored.bytes());
                    statement.setString(p++, stored.compression());
                    statement.setInt(p++, stored.length());
                }
            });
            from += size;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.run();
            }
        });
        List<Appended> appended = new ArrayList<>(envelopes.size());
        for (int k = 0; k < envelopes.size(); k++) {
            appended.add(new Appended(envelopes.get(k), payloads.get(k)));
        }
        return List.copyOf(appended);
    }
}
