package dev.slipway.messaging.outbox;

import dev.slipway.model.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds outbox rows whose records are already on Kafka although the rows are still in the outbox,
 * and deletes them, so that the relay does not send them a second time.
 *
 * <p>A row reaches that state when its record was written to Kafka but the relay could not delete
 * its row: the process died (SIGKILL, OOM, power) between Kafka's acknowledgement and the delete, or
 * PostgreSQL went away in that moment, or Kafka wrote a record whose acknowledgement never came
 * back. The relay only ever has its current batch in flight, and it takes the oldest unpublished
 * rows, so such rows are among the oldest {@code window} unpublished rows (the window is at least
 * one batch).
 *
 * <p>Every record carries its row's {@code event-id} header, a UUID made when the row was
 * appended, so a record on Kafka names its row without doubt. For each topic of those rows this
 * reads every partition from the first record stamped at or after the oldest row's append time
 * (less {@code clockSkew}, for the clocks of other instances of the service and of the database)
 * up to the end that Kafka reports when the scan starts. Matching by event id needs no knowledge
 * of who else writes to a topic; Slipway gives each topic one producing service (see DESIGN.md,
 * "Data ownership"), so in practice the scan reads the service's own recent records and nothing
 * else. It is bounded by the time since the oldest waiting row was appended, which is short
 * unless Kafka was down for long, and then there is little on Kafka to read since.
 *
 * <p>Not thread-safe; the relay calls it from its own thread only.
 */
final class OutboxRecovery {

    private static final Duration POLL = Duration.ofMillis(200);

    private final JdbcTemplate jdbc;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final int window;
    private final Duration clockSkew;
    private final Duration kafkaTimeout;

    /**
     * @param consumers    opens a consumer that belongs to no group and commits nothing; closed after each scan
     * @param window       how many of the oldest unpublished rows to look for
     * @param clockSkew    how far before a row's append time its record may be stamped
     * @param kafkaTimeout how long a metadata request, or a read that makes no progress, may take
     */
    OutboxRecovery(JdbcTemplate jdbc, Supplier<Consumer<byte[], byte[]>> consumers, int window, Duration clockSkew,
                   Duration kafkaTimeout) {
        this.jdbc = jdbc;
        this.consumers = consumers;
        this.window = window;
        this.clockSkew = clockSkew;
        this.kafkaTimeout = kafkaTimeout;
    }

    /**
     * Deletes every row of the window whose record is on Kafka, and returns how many.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka cannot be read; nothing is deleted then
     * @throws org.springframework.dao.DataAccessException when PostgreSQL cannot be read or written
     */
    int removeRowsAlreadyOnKafka() {
        List<Waiting> waiting = OutboxHead.oldest(jdbc, "id, event_id, topic, least(occurred_at, created_at) as appended",
                window,
                (rs, n) -> new Waiting(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("topic"),
                        rs.getTimestamp("appended").toInstant()));
        if (waiting.isEmpty()) {
            return 0;
        }
        Map<String, List<Waiting>> byTopic = new LinkedHashMap<>();
        waiting.forEach(w -> byTopic.computeIfAbsent(w.topic(), t -> new ArrayList<>()).add(w));
        List<Long> found = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            for (Map.Entry<String, List<Waiting>> topic : byTopic.entrySet()) {
                found.addAll(scan(consumer, topic.getKey(), topic.getValue()));
            }
        }
        if (!found.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("delete from outbox where id = any(?)");
                Array ids = con.createArrayOf("bigint", found.toArray());
                ps.setArray(1, ids);
                return ps;
            });
        }
        return found.size();
    }

    private List<Long> scan(Consumer<byte[], byte[]> consumer, String topic, List<Waiting> rows) {
        Map<UUID, Long> sought = new HashMap<>();
        Instant oldest = rows.getFirst().appended();
        for (Waiting row : rows) {
            sought.put(row.eventId(), row.id());
            if (row.appended().isBefore(oldest)) {
                oldest = row.appended();
            }
        }
        List<PartitionInfo> infos = consumer.partitionsFor(topic, kafkaTimeout);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        // Assigned before the offset requests, whose answers the consumer only keeps for assigned partitions.
        consumer.assign(partitions);
        long since = oldest.minus(clockSkew).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, kafkaTimeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, kafkaTimeout);
        Map<TopicPartition, Long> toRead = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp start = starts.get(p);
            long end = ends.get(p);
            if (start != null && start.offset() < end) {
                toRead.put(p, end);
                consumer.seek(p, start.offset());
            } else {
                // Nothing stamped since the oldest waiting row: nothing to read here.
                consumer.seek(p, end);
            }
        }

        List<Long> found = new ArrayList<>();
        long lastProgress = System.nanoTime();
        while (!toRead.isEmpty() && !sought.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                progressed = true;
                Long row = sought.remove(eventIdOf(record));
                if (row != null) {
                    found.add(row);
                }
            }
            for (var it = toRead.entrySet().iterator(); it.hasNext(); ) {
                var partition = it.next();
                if (consumer.position(partition.getKey(), kafkaTimeout) >= partition.getValue()) {
                    it.remove();
                    progressed = true;
                }
            }
            if (progressed) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > kafkaTimeout.toNanos()) {
                throw new TimeoutException("reading " + topic + " to find outbox records already published made no "
                        + "progress for " + kafkaTimeout.toMillis() + " ms");
            }
        }
        return found;
    }

    private static UUID eventIdOf(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(EnvelopeHeaders.EVENT_ID);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private record Waiting(long id, UUID eventId, String topic, Instant appended) {
    }
}
