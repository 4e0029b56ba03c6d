package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores deliveries in {@code deliveries} and their events in the outbox, in one transaction.
 *
 * <p>The event is appended first and the delivery inserted after it with the event's id; when the
 * insert finds an accepted or ignored delivery of the same id (the unique index settles races
 * between concurrent redeliveries), the transaction is rolled back, so the outbox row goes too.
 */
@Component
class JdbcDeliveryLog implements DeliveryLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;

    JdbcDeliveryLog(JdbcClient jdbc, PlatformTransactionManager transactions, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.outbox = outbox;
    }

    @Override
    public Recording record(NewDelivery delivery) {
        try {
            Optional<StoredDelivery> stored = transactions.execute(status -> {
                UUID eventId = delivery.event() == null ? null
                        : appendEvent(delivery).eventId();
                Optional<Long> id = insert(delivery, eventId);
                if (id.isEmpty()) {
                    status.setRollbackOnly();
                    return Optional.<StoredDelivery>empty();
                }
                return Optional.of(new StoredDelivery(id.get(), delivery.provider(), delivery.deliveryId(),
                        delivery.repositoryId(), delivery.verdict(), delivery.reason(), delivery.receivedAt(), eventId));
            });
            if (stored != null && stored.isPresent()) {
                return new Recording.Recorded(stored.get());
            }
            return new Recording.AlreadyRecorded(original(delivery.provider(), delivery.deliveryId())
                    .orElseThrow(() -> new IllegalStateException("delivery " + delivery.deliveryId()
                            + " conflicted with a stored delivery that cannot be found")));
        } catch (DataAccessException | TransactionException e) {
            throw new DeliveryStoreUnavailableException("the delivery log cannot store delivery "
                    + delivery.deliveryId() + ": " + rootMessage(e), e);
        }
    }

    private Envelope appendEvent(NewDelivery delivery) {
        // The delivery is what every later event of this push correlates with.
        return outbox.append(delivery.event(), delivery.deliveryId(), null);
    }

    private Optional<Long> insert(NewDelivery delivery, UUID eventId) {
        return jdbc.sql("""
                        insert into deliveries (provider, delivery_id, event_name, headers, body, repository_name,
                                                repository_id, verdict, rejection, reason, received_at, event_id)
                        values (:provider, :deliveryId, :eventName, cast(:headers as jsonb), :body, :repositoryName,
                                :repositoryId, :verdict, :rejection, :reason, :receivedAt, :eventId)
                        on conflict (provider, delivery_id) where verdict <> 'rejected' do nothing
                        returning id""")
                .param("provider", delivery.provider())
                .param("deliveryId", storable(delivery.deliveryId()))
                .param("eventName", storable(delivery.eventName()))
                .param("headers", JSON.writeValueAsString(delivery.headers()))
                .param("body", delivery.body())
                .param("repositoryName", storable(delivery.repositoryName()))
                .param("repositoryId", delivery.repositoryId())
                .param("verdict", delivery.verdict().wireName())
                .param("rejection", delivery.rejection() == null ? null : delivery.rejection().slug())
                .param("reason", storable(delivery.reason()))
                .param("receivedAt", Timestamp.from(delivery.receivedAt()))
                .param("eventId", eventId)
                .query(Long.class)
                .optional();
    }

    /**
     * {@code text} with each NUL character replaced by U+FFFD: PostgreSQL text cannot hold NUL, and a
     * body may carry one (a repository name, or a parser's reason quoting the body), which must not
     * turn a refusable delivery into a database failure answered 503.
     */
    private static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    private Optional<StoredDelivery> original(String provider, String deliveryId) {
        return jdbc.sql("""
                        select id, provider, delivery_id, repository_id, verdict, reason, received_at, event_id
                        from deliveries
                        where provider = :provider and delivery_id = :deliveryId and verdict <> 'rejected'""")
                .param("provider", provider)
                .param("deliveryId", deliveryId)
                .query(JdbcDeliveryLog::stored)
                .optional();
    }

    private static StoredDelivery stored(ResultSet rs, int row) throws SQLException {
        return new StoredDelivery(rs.getLong("id"), rs.getString("provider"), rs.getString("delivery_id"),
                rs.getString("repository_id"), Verdict.fromWireName(rs.getString("verdict")), rs.getString("reason"),
                rs.getTimestamp("received_at").toInstant(), rs.getObject("event_id", UUID.class));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
