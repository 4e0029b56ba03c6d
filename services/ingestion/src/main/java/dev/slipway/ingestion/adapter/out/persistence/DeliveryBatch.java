package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.DeliveryLog.Recording;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.application.port.out.StoredDelivery;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.messaging.jdbc.MultiRowInsert;
import dev.slipway.messaging.outbox.Outbox;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of deliveries, and the events of the accepted ones, in one transaction, with a
 * few round trips whatever the batch's size (at most eleven for the largest batch):
 *
 * <ol>
 *   <li>Within the batch, the first accepted or ignored delivery of each (provider, delivery id)
 *       leads; later copies in the same batch are answered with the leader's outcome.
 *   <li>The events of the accepted leaders are appended to the outbox in the batch's order (multi-row
 *       inserts, see {@code JdbcOutbox}), which is the order the deliveries reached the log, so the
 *       outbox ids of one repository's events follow that order.
 *   <li>Multi-row inserts ({@link MultiRowInsert}) store every row under ids taken from the
 *       sequence beforehand; {@code on conflict do nothing} and the ids
 *       the inserts return say which were stored.
 * </ol>
 *
 * <p>That is optimistic: a delivery id is seldom delivered twice. When a leader meets a stored
 * delivery of its id (a redelivery, or another instance of ingestion storing the same id at the
 * same moment), its event must not be published, so the whole transaction is rolled back and the
 * batch stored again, this time looking up the stored ids first (one query for the batch): those
 * leaders are answered {@link Recording.AlreadyRecorded} with the stored row, and change nothing.
 */
final class DeliveryBatch {

    /** Tries at most of one batch whose leaders keep meeting ids that another writer stores meanwhile. */
    private static final int ATTEMPTS = 4;

    private static final MultiRowInsert INSERT = new MultiRowInsert("""
            insert into deliveries (id, provider, delivery_id, event_name, headers, body, body_compression,
                                    body_length, repository_name, repository_id, verdict, rejection, reason,
                                    received_at, event_id, event_type, event_version, event_payload)
            values""", "(?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "on conflict (provider, delivery_id) where verdict <> 'rejected' do nothing returning id");

    private static final String RESERVE_IDS = """
            select nextval(pg_get_serial_sequence('deliveries', 'id')) from generate_series(1, ?)""";

    private static final String STORED = """
            select id, provider, delivery_id, repository_id, verdict, reason, received_at, event_id
            from deliveries
            where verdict <> 'rejected'
              and (provider, delivery_id) in (select * from unnest(?::text[], ?::text[]))""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;

    DeliveryBatch(JdbcTemplate jdbc, TransactionTemplate transactions, Outbox outbox) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** A leader met a stored delivery of its id; the batch is rolled back and stored again, looking first. */
    private static final class MetStoredDelivery extends RuntimeException {
        MetStoredDelivery(String deliveryId) {
            super("delivery " + deliveryId + " is stored already", null, false, false);
        }
    }

    /**
     * Stores {@code deliveries} in one transaction and returns what became of each, in the same order.
     * Throws what the database threw; then nothing was stored.
     */
    List<Recording> store(List<DeliveryRow> deliveries) {
        boolean lookUpFirst = false;
        for (int attempt = 1; ; attempt++) {
            boolean lookUp = lookUpFirst;
            try {
                return transactions.execute(status -> storeInTransaction(deliveries, lookUp));
            } catch (MetStoredDelivery e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("deliveries of this batch kept being stored by another writer "
                            + "while it was written; " + e.getMessage(), e);
                }
                lookUpFirst = true;
            }
        }
    }

    private List<Recording> storeInTransaction(List<DeliveryRow> rows, boolean lookUpFirst) {
        List<NewDelivery> deliveries = rows.stream().map(DeliveryRow::delivery).toList();
        int n = deliveries.size();
        int[] leaderOf = new int[n];
        Map<Key, Integer> leaders = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewDelivery delivery = deliveries.get(i);
            leaderOf[i] = -1;
            if (delivery.verdict() != Verdict.REJECTED) {
                Integer leader = leaders.putIfAbsent(Key.of(delivery), i);
                leaderOf[i] = leader == null ? -1 : leader;
            }
        }
        Map<Key, StoredDelivery> stored = lookUpFirst && !leaders.isEmpty() ? findStored(leaders.keySet()) : Map.of();

        Recording[] outcomes = new Recording[n];
        Outbox.Appended[] events = new Outbox.Appended[n];
        List<Integer> toInsert = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewDelivery delivery = deliveries.get(i);
            if (leaderOf[i] >= 0) {
                continue;
            }
            StoredDelivery original = delivery.verdict() == Verdict.REJECTED ? null : stored.get(Key.of(delivery));
            if (original != null) {
                outcomes[i] = new Recording.AlreadyRecorded(original);
                continue;
            }
            toInsert.add(i);
        }
        appendEvents(rows, toInsert, events);

        long[] ids = insert(rows, toInsert, events);
        for (int k = 0; k < toInsert.size(); k++) {
            int i = toInsert.get(k);
            NewDelivery delivery = deliveries.get(i);
            if (ids[k] < 0) {
                throw new MetStoredDelivery(delivery.deliveryId());
            }
            outcomes[i] = new Recording.Recorded(new StoredDelivery(ids[k], delivery.provider(), delivery.deliveryId(),
                    delivery.repositoryId(), delivery.verdict(), delivery.reason(), delivery.receivedAt(),
                    events[i] == null ? null : events[i].envelope().eventId()));
        }
        for (int i = 0; i < n; i++) {
            if (leaderOf[i] >= 0) {
                outcomes[i] = new Recording.AlreadyRecorded(switch (outcomes[leaderOf[i]]) {
                    case Recording.Recorded recorded -> recorded.stored();
                    case Recording.AlreadyRecorded already -> already.original();
                });
            }
        }
        return Arrays.asList(outcomes);
    }

    /** Appends the events of the deliveries to store, in the batch's order, and notes what was appended. */
    private void appendEvents(List<DeliveryRow> rows, List<Integer> toInsert, Outbox.Appended[] events) {
        List<Integer> withEvents = toInsert.stream().filter(i -> rows.get(i).delivery().event() != null).toList();
        // The delivery is what every later event of its push correlates with.
        List<Outbox.Appended> appended = outbox.appendAllWithPayloads(withEvents.stream()
                .map(rows::get)
                .map(row -> new Outbox.Pending(row.delivery().event(), row.delivery().deliveryId(), null,
                        row.eventPayload()))
                .toList());
        for (int k = 0; k < withEvents.size(); k++) {
            events[withEvents.get(k)] = appended.get(k);
        }
    }

    /**
     * Inserts the rows in multi-row statements and returns the id of each, in the order of
     * {@code rows}; -1 where the row met a stored delivery. The ids are taken from the table's
     * sequence first, in order, so that the ids that the statements return say which rows went in.
     * See {@link MultiRowInsert} for why one statement holds many rows.
     */
    private long[] insert(List<DeliveryRow> deliveries, List<Integer> rows, Outbox.Appended[] events) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        return jdbc.execute((ConnectionCallback<long[]>) connection -> {
            long[] ids = reserveIds(connection, rows.size());
            Set<Long> inserted = new HashSet<>();
            int from = 0;
            while (from < rows.size()) {
                int size = MultiRowInsert.rowsInNext(rows.size() - from);
                try (PreparedStatement insert = connection.prepareStatement(INSERT.statement(size))) {
                    int parameter = 1;
                    for (int k = from; k < from + size; k++) {
                        int i = rows.get(k);
                        insert.setLong(parameter++, ids[k]);
                        parameter = bind(insert, parameter, deliveries.get(i), events[i]);
                    }
                    try (ResultSet returned = insert.executeQuery()) {
                        while (returned.next()) {
                            inserted.add(returned.getLong(1));
                        }
                    }
                }
                from += size;
            }
            for (int k = 0; k < ids.length; k++) {
                if (!inserted.contains(ids[k])) {
                    ids[k] = -1;
                }
            }
            return ids;
        });
    }

    /** {@code count} new ids from the table's sequence, in ascending order. */
    private static long[] reserveIds(Connection connection, int count) throws SQLException {
        try (PreparedStatement reserve = connection.prepareStatement(RESERVE_IDS)) {
            reserve.setInt(1, count);
            long[] ids = new long[count];
            try (ResultSet rs = reserve.executeQuery()) {
                for (int k = 0; k < count; k++) {
                    if (!rs.next()) {
                        throw new SQLException("the sequence of deliveries gave " + k + " ids of the " + count + " asked for");
                    }
                    ids[k] = rs.getLong(1);
                }
            }
            Arrays.sort(ids);
            return ids;
        }
    }

    /** Binds one row's columns after its id, from {@code parameter} on; returns the next parameter's index. */
    private static int bind(PreparedStatement insert, int parameter, DeliveryRow row, Outbox.Appended event)
            throws SQLException {
        NewDelivery delivery = row.delivery();
        int p = parameter;
        insert.setString(p++, delivery.provider());
        insert.setString(p++, storable(delivery.deliveryId()));
        insert.setString(p++, storable(delivery.eventName()));
        insert.setString(p++, row.headers());
        insert.setBytes(p++, row.body().bytes());
        insert.setString(p++, row.body().compression());
        insert.setInt(p++, row.body().length());
        insert.setString(p++, storable(delivery.repositoryName()));
        insert.setString(p++, delivery.repositoryId());
        insert.setString(p++, delivery.verdict().wireName());
        insert.setString(p++, delivery.rejection() == null ? null : delivery.rejection().slug());
        insert.setString(p++, storable(delivery.reason()));
        insert.setTimestamp(p++, Timestamp.from(delivery.receivedAt()));
        if (event == null) {
            insert.setNull(p++, Types.OTHER);
            insert.setNull(p++, Types.VARCHAR);
            insert.setNull(p++, Types.INTEGER);
            insert.setNull(p++, Types.BINARY);
        } else {
            // The event as the outbox holds it, kept with the delivery for replays: the outbox's row
            // goes once the event is on Kafka.
            insert.setObject(p++, event.envelope().eventId());
            insert.setString(p++, event.envelope().eventType());
            insert.setInt(p++, event.envelope().eventVersion());
            insert.setBytes(p++, event.payload());
        }
        return p;
    }

    private Map<Key, StoredDelivery> findStored(Set<Key> keys) {
        return jdbc.execute((ConnectionCallback<Map<Key, StoredDelivery>>) connection -> {
            try (PreparedStatement select = connection.prepareStatement(STORED)) {
                select.setArray(1, textArray(connection, keys.stream().map(Key::provider).toArray()));
                select.setArray(2, textArray(connection, keys.stream().map(Key::deliveryId).toArray()));
                Map<Key, StoredDelivery> found = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredDelivery row = stored(rows);
                        found.put(new Key(row.provider(), row.deliveryId()), row);
                    }
                }
                return found;
            }
        });
    }

    private static Array textArray(Connection connection, Object[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static StoredDelivery stored(ResultSet rs) throws SQLException {
        return new StoredDelivery(rs.getLong("id"), rs.getString("provider"), rs.getString("delivery_id"),
                rs.getString("repository_id"), Verdict.fromWireName(rs.getString("verdict")), rs.getString("reason"),
                rs.getTimestamp("received_at").toInstant(), rs.getObject("event_id", UUID.class));
    }

    /**
     * {@code text} with each NUL character replaced by U+FFFD: PostgreSQL text cannot hold NUL, and a
     * body may carry one (a repository name, or a parser's reason quoting the body), which must not
     * turn a refusable delivery into a database failure.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    /** How the unique index knows a delivery: its provider and its id as stored. */
    private record Key(String provider, String deliveryId) {
        static Key of(NewDelivery delivery) {
            return new Key(delivery.provider(), storable(delivery.deliveryId()));
        }
    }
}
