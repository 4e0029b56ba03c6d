package dev.slipway.messaging.outbox;

import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published.
 *
 * <p>One thread per service instance. It wakes when a transaction that appended commits, and
 * otherwise polls every {@code pollInterval}. A batch is sent as a whole and then awaited; rows up
 * to the first failure are marked published, the rest are retried after {@code retryDelay}, so
 * that a record is never published after a later record of the same key. Delivery is at least
 * once: a crash between send and mark publishes the batch again, and consumers deduplicate on
 * the event id. When Kafka is down the rows wait in PostgreSQL and drain once it is back.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration retryDelay;
    private final Duration sendTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;

    private final Counter published;
    private final Counter failures;
    private final Timer latency;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<String, byte[]> kafka, Clock clock, MeterRegistry meters,
                       int batchSize, Duration pollInterval, Duration retryDelay, Duration sendTimeout) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.retryDelay = retryDelay;
        this.sendTimeout = sendTimeout;
        this.published = Counter.builder("slipway.outbox.published")
                .description("Outbox records published to Kafka").register(meters);
        this.failures = Counter.builder("slipway.outbox.publish.failures")
                .description("Outbox batches that Kafka did not take").register(meters);
        this.latency = Timer.builder("slipway.outbox.latency")
                .description("Time from an event's append to its publishing").register(meters);
        Gauge.builder("slipway.outbox.pending", this, OutboxRelay::pending)
                .description("Outbox records not yet published").register(meters);
    }

    /** Asks the relay to look for new rows now rather than at its next poll. */
    public void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many rows wait to be published. */
    public long pending() {
        try {
            Long n = jdbc.queryForObject("select count(*) from outbox where published_at is null", Long.class);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Publishes one batch and returns how many rows it published. Exposed for tests and for the
     * relay's own loop; safe to call from one thread at a time.
     */
    public int publishBatch() throws InterruptedException {
        List<Row> rows = jdbc.query("""
                select id, event_id, topic, record_key, event_type, event_version, occurred_at, correlation_id,
                       causation_id, payload, created_at
                from outbox where published_at is null order by id limit ?""",
                (rs, n) -> new Row(rs.getLong("id"), new Envelope(rs.getString("event_type"), rs.getInt("event_version"),
                        rs.getObject("event_id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("correlation_id"), rs.getString("causation_id")),
                        rs.getString("topic"), rs.getString("record_key"), rs.getBytes("payload"),
                        rs.getTimestamp("created_at").toInstant()),
                batchSize);
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            EnvelopeBinding.write(row.envelope(), record.headers());
            try {
                sends.add(kafka.send(record));
            } catch (RuntimeException e) {
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        List<Long> done = new ArrayList<>(rows.size());
        Instant now = clock.instant();
        for (int i = 0; i < rows.size(); i++) {
            try {
                sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                done.add(rows.get(i).id());
                latency.record(Duration.between(rows.get(i).createdAt(), now).abs());
            } catch (ExecutionException | TimeoutException e) {
                failures.increment();
                log.warn("outbox: Kafka did not take event {} ({}) for {}; {} rows wait for the next try: {}",
                        rows.get(i).envelope().eventId(), rows.get(i).envelope().eventType(), rows.get(i).topic(),
                        rows.size() - i, e.getCause() == null ? e.toString() : e.getCause().toString());
                break;
            }
        }
        if (!done.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("update outbox set published_at = now() where id = any(?)");
                Array ids = con.createArrayOf("bigint", done.toArray());
                ps.setArray(1, ids);
                return ps;
            });
            published.increment(done.size());
        }
        if (done.size() < rows.size()) {
            throw new RelayStalled();
        }
        return done.size();
    }

    private void loop() {
        while (running) {
            try {
                int n = publishBatch();
                if (n < batchSize) {
                    awaitSignal(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RelayStalled e) {
                sleepQuietly(retryDelay);
            } catch (RuntimeException e) {
                log.warn("outbox: relay failed, retrying in {}: {}", retryDelay, e.toString());
                sleepQuietly(retryDelay);
            }
        }
    }

    private void awaitSignal(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (!signalled) {
                signal.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void sleepQuietly(Duration d) {
        try {
            awaitSignal(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Start after the data source and Kafka factories, stop before them.
        return Integer.MAX_VALUE - 100;
    }

    private record Row(long id, Envelope envelope, String topic, String key, byte[] payload, Instant createdAt) {
    }

    private static final class RelayStalled extends RuntimeException {
        RelayStalled() {
            super(null, null, false, false);
        }
    }
}
