package dev.slipway.messaging.consumer;

import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EventCodec;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a handler for each event at most once per consumer name.
 *
 * <p>The dedupe mark (table {@code processed_events}) and the handler's own writes, outbox
 * appends included, share one transaction: either both commit, or neither does and the record is
 * retried. A record whose envelope or payload cannot be read throws
 * {@link dev.slipway.model.codec.EventDecodingException}, which the listener's error handler
 * dead-letters at once, without retries.
 */
public final class IdempotentConsumer {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventCodec codec;

    public IdempotentConsumer(JdbcTemplate jdbc, TransactionTemplate transactions, EventCodec codec) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codec = codec;
    }

    /**
     * Decodes {@code record} and, unless {@code consumer} has handled its event id before, runs
     * {@code handler} in a transaction.
     *
     * @return whether the handler ran
     */
    public boolean process(String consumer, ConsumerRecord<String, byte[]> record, Consumer<InboundEvent> handler) {
        Envelope envelope = EnvelopeBinding.read(record.headers());
        SlipwayEvent event = codec.decode(envelope.eventType(), envelope.eventVersion(), record.value());
        InboundEvent inbound = new InboundEvent(envelope, event, record.topic());
        Boolean ran = transactions.execute(status -> {
            int marked = jdbc.update("""
                    insert into processed_events (consumer, event_id) values (?, ?)
                    on conflict do nothing""", consumer, envelope.eventId());
            if (marked == 0) {
                return false;
            }
            handler.accept(inbound);
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}
