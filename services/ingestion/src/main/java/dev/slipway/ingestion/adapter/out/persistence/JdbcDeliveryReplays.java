package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.DeliveryReplays;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.model.codec.EventDecodingException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays what a delivery published: the accepted delivery's event is read back from its row in
 * {@code deliveries} (the exact bytes that went to the outbox, whatever the parsers make of the
 * body today; the outbox itself keeps a row only until Kafka has it), appended again through the
 * {@link Outbox} under a new event id, with the delivery as its correlation id as the first time,
 * and the replay is recorded in {@code delivery_replays}, all in one transaction.
 */
@Component
class JdbcDeliveryReplays implements DeliveryReplays {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final EventCodec codec;

    JdbcDeliveryReplays(JdbcClient jdbc, PlatformTransactionManager transactions, Outbox outbox, EventCodec codec) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.outbox = outbox;
        this.codec = codec;
    }

    @Override
    public Optional<StoredDelivery> find(String provider, String deliveryId) {
        try {
            // The accepted or ignored delivery is unique (index deliveries_once); rejected copies come after it.
            return jdbc.sql("""
                            select id, provider, delivery_id, repository_id, verdict, reason, received_at, event_id
                            from deliveries
                            where provider = :provider and delivery_id = :deliveryId
                            order by verdict = 'rejected', received_at desc, id desc
                            limit 1""")
                    .param("provider", provider)
                    .param("deliveryId", deliveryId)
                    .query((rs, row) -> new StoredDelivery(rs.getLong("id"), rs.getString("provider"),
                            rs.getString("delivery_id"), rs.getString("repository_id"),
                            Verdict.fromWireName(rs.getString("verdict")), rs.getString("reason"),
                            rs.getTimestamp("received_at").toInstant(), rs.getObject("event_id", UUID.class)))
                    .optional();
        } catch (DataAccessException | TransactionException e) {
            throw unavailable("cannot look up delivery " + provider + ":" + deliveryId, e);
        }
    }

    @Override
    public Replaying replay(StoredDelivery delivery, String operator, Instant requestedAt) {
        if (delivery.verdict() != Verdict.ACCEPTED || delivery.eventId() == null) {
            throw new IllegalArgumentException("only an accepted delivery has an event to replay");
        }
        try {
            return transactions.execute(status -> {
                Optional<StoredEvent> stored = jdbc.sql("""
                                select event_type, event_version, event_payload
                                from deliveries where id = :id and event_payload is not null""")
                        .param("id", delivery.id())
                        .query((rs, row) -> new StoredEvent(rs.getString("event_type"), rs.getInt("event_version"),
                                rs.getBytes("event_payload")))
                        .optional();
                if (stored.isEmpty()) {
                    return new Replaying.EventUnavailable("event " + delivery.eventId() + " was stored before "
                            + "Slipway kept each delivery's event with it, and the outbox no longer holds it; have "
                            + "the git host deliver it again");
                }
                SlipwayEvent event;
                try {
                    event = codec.decode(stored.get().type(), stored.get().version(), stored.get().payload());
                } catch (EventDecodingException e) {
                    return new Replaying.EventUnavailable("event " + delivery.eventId() + " cannot be read back: "
                            + e.getMessage());
                }
                // As DeliveryBatch appends it: correlated with the delivery, caused by no event.
                Envelope envelope = outbox.append(event, delivery.deliveryId(), null);
                Instant replayedAt = requestedAt.truncatedTo(ChronoUnit.MICROS);
                long replayId = jdbc.sql("""
                                insert into delivery_replays (delivery, original_event_id, event_id, replayed_at, operator)
                                values (:delivery, :originalEventId, :eventId, :replayedAt, :operator)
                                returning id""")
                        .param("delivery", delivery.id())
                        .param("originalEventId", delivery.eventId())
                        .param("eventId", envelope.eventId())
                        .param("replayedAt", Timestamp.from(replayedAt))
                        .param("operator", operator)
                        .query(Long.class)
                        .single();
                return new Replaying.Replayed(replayId, envelope.eventId(), replayedAt);
            });
        } catch (DataAccessException | TransactionException e) {
            throw unavailable("cannot replay delivery " + delivery.provider() + ":" + delivery.deliveryId(), e);
        }
    }

    private static DeliveryStoreUnavailableException unavailable(String what, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new DeliveryStoreUnavailableException("the delivery log " + what + ": "
                + (root.getMessage() == null ? root.toString() : root.getMessage()), e);
    }

    /** An event as its delivery's row holds it. */
    private record StoredEvent(String type, int version, byte[] payload) {
    }
}
