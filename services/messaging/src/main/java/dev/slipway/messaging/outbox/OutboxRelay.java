package dev.slipway.messaging.outbox;

import dev.slipway.messaging.jdbc.Lz4Block;
import dev.slipway.model.Envelope;
import dev.slipway.model.codec.EnvelopeBinding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.sql.Array;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Publishes committed outbox rows to Kafka, oldest first, each exactly once, and deletes each row
 * once Kafka has acknowledged its record: every row in the outbox is one still to publish.
 *
 * <p><b>Threads.</b> One thread per service instance, of its own: nothing a request thread does
 * waits for Kafka. A transaction that appended wakes it when it commits ({@link #wakeUp()});
 * otherwise it looks every {@code pollInterval}.
 *
 * <p><b>A batch.</b> It reads the oldest {@code batchSize} unpublished rows, hands them to its
 * producer in id order, waits until Kafka has acknowledged every one, and deletes the acknowledged
 * ones; a delete writes far less than marking the row published would (no new version of the row,
 * no index entries). If the producer refuses a row outright (no metadata within
 * {@code kafkaTimeout}), the rows after it are not handed over, so that no record overtakes an
 * earlier one of the same key.
 *
 * <p><b>Kafka down.</b> The relay's producer is idempotent ({@code acks=all}) and retries without
 * a delivery deadline: a record handed over is written once and in order within its partition
 * when Kafka comes back, however long that takes. The relay does not send a row again while its
 * first send is still pending; it waits (and says so once in the log after
 * {@code stallWarning}). Rows appended meanwhile wait in PostgreSQL ({@code slipway_outbox_pending},
 * {@code slipway_outbox_lag_seconds}). Failures of PostgreSQL or of the producer are retried after
 * a back-off that doubles from {@code retryDelay} to {@code maxRetryDelay}; wake-ups do not cut it
 * short, so a stream of deliveries during an outage does not make the relay spin.
 *
 * <p><b>Exactly once across crashes.</b> Between Kafka's acknowledgement and the delete there is a
 * moment in which a crash leaves a row published but still in the outbox; a plain relay would send
 * it again.
 * So when the relay starts, and after any batch that did not end with every handed-over row
 * acknowledged and deleted, it first runs {@link OutboxRecovery}: it reads the tail of the topics
 * of the oldest waiting rows, finds records whose {@code event-id} is that of a waiting row, and
 * deletes those rows without sending them. Kafka transactions with a checkpoint would
 * close the same gap, but they need every consumer to read with {@code read_committed}, a
 * transactional id per instance, and they still leave the checkpoint to reconcile with the
 * database; matching event ids needs nothing from consumers.
 *
 * <p>What remains at least once, and why consumers still deduplicate on the event id: two relays
 * running on one outbox (two instances of a service on one schema) both publish; a produce
 * request that was on the wire when the old process died and that Kafka writes only after the
 * new relay's scan (in practice the scan comes seconds later, when the process has started); and
 * rows older than the recovery window.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How often a continuing outage is logged again at WARN; in between it is logged at DEBUG. */
    private static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Supplier<Producer<String, byte[]>> producers;
    private final OutboxRecovery recovery;
    private final Clock clock;
    private final Settings settings;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;
    /** Whether rows may be on Kafka and still in the outbox; touched by the relay's thread only. */
    private boolean recoveryNeeded = true;
    private final Outage outage = new Outage();

    /** A field, not a local: Micrometer's gauges hold their state object only weakly. */
    private final OutboxBacklog backlog;
    private final Counter published;
    private final Counter failures;
    private final Counter recovered;
    private final Timer latency;

    /**
     * @param producers opens the relay's producer: keys as strings, values as bytes, idempotent, with no
     *                  delivery deadline; see {@code MessagingAutoConfiguration}
     * @param consumers opens a consumer of no group that commits nothing, for the recovery scan
     */
    public OutboxRelay(JdbcTemplate jdbc, Supplier<Producer<String, byte[]>> producers,
                       Supplier<Consumer<byte[], byte[]>> consumers, Clock clock, MeterRegistry meters,
                       Settings settings) {
        this.jdbc = jdbc;
        this.producers = producers;
        this.clock = clock;
        this.settings = settings;
        this.recovery = new OutboxRecovery(jdbc, consumers, settings.recoveryWindow(), settings.clockSkew(),
                settings.kafkaTimeout());
        this.published = Counter.builder("slipway.outbox.published")
                .description("Outbox records published to Kafka").register(meters);
        this.failures = Counter.builder("slipway.outbox.publish.failures")
                .description("Outbox batches that Kafka or PostgreSQL did not let the relay finish").register(meters);
        this.recovered = Counter.builder("slipway.outbox.recovered")
                .description("Outbox records found already on Kafka after a crash or a lost acknowledgement, "
                        + "and deleted without being sent again").register(meters);
        this.latency = Timer.builder("slipway.outbox.latency")
                .description("Time from an event's append to the outbox (its occurred-at) to Kafka's "
                        + "acknowledgement of its record")
                .serviceLevelObjectives(Settings.LATENCY_BUCKETS)
                .register(meters);
        this.backlog = new OutboxBacklog(jdbc, Duration.ofSeconds(1));
        Gauge.builder("slipway.outbox.pending", backlog, OutboxBacklog::pending)
                .description("Outbox records not yet published; NaN while the database cannot be read")
                .register(meters);
        TimeGauge.builder("slipway.outbox.lag", backlog, TimeUnit.SECONDS, OutboxBacklog::oldestAgeSeconds)
                .description("Age of the oldest outbox record not yet published; 0 when none waits, NaN while "
                        + "the database cannot be read")
                .register(meters);
    }

    /** Asks the relay to look for new rows now rather than at its next poll. Never blocks on Kafka. */
    public void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = settings.retryDelay();
        while (running) {
            try {
                if (recoveryNeeded) {
                    recover();
                }
                int n = publishBatch();
                outage.over();
                backoff = settings.retryDelay();
                if (n < settings.batchSize()) {
                    awaitSignal(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.increment();
                outage.failed(e, backoff);
                try {
                    // Not awaitSignal: appends during an outage must not cut the back-off short.
                    pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = min(backoff.multipliedBy(2), settings.maxRetryDelay());
            }
        }
    }

    private void recover() {
        int removed = recovery.removeRowsAlreadyOnKafka();
        recoveryNeeded = false;
        if (removed > 0) {
            recovered.increment(removed);
            log.info("outbox: {} records were already on Kafka but their rows were still in the outbox (a crash "
                    + "or a lost acknowledgement came in between); deleted the rows without sending them again",
                    removed);
        }
    }

    /** Publishes one batch and returns how many rows it published. */
    private int publishBatch() throws InterruptedException {
        List<Row> rows = OutboxHead.oldest(jdbc, """
                        id, event_id, topic, record_key, event_type, event_version, occurred_at, correlation_id,
                        causation_id, payload, payload_compression, payload_length""",
                settings.batchSize(),
                (rs, n) -> new Row(rs.getLong("id"), new Envelope(rs.getString("event_type"),
                        rs.getInt("event_version"), rs.getObject("event_id", UUID.class),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("correlation_id"),
                        rs.getString("causation_id")),
                        rs.getString("topic"), rs.getString("record_key"),
                        Lz4Block.restore(rs.getBytes("payload"), rs.getString("payload_compression"),
                                rs.getInt("payload_length"))));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Sent> sent = new ArrayList<>(rows.size());
        RuntimeException refused = null;
        // From here until the delete, rows may reach Kafka and stay in the outbox.
        recoveryNeeded = true;
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
            EnvelopeBinding.write(row.envelope(), record.headers());
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            try {
                producer().send(record, (metadata, error) -> {
                    if (error == null) {
                        latency.record(Duration.between(row.envelope().occurredAt(), clock.instant()).abs());
                        acknowledged.complete(null);
                    } else {
                        acknowledged.completeExceptionally(error);
                    }
                });
            } catch (KafkaException e) {
                // Later rows must not overtake this one, so none of them is handed over either.
                refused = e;
                break;
            }
            sent.add(new Sent(row, acknowledged));
            if (acknowledged.isCompletedExceptionally()) {
                // Refused at once (most often: no metadata within max.block.ms); the same reason holds.
                break;
            }
        }
        RuntimeException failed = awaitAcknowledgements(sent);
        List<Long> done = sent.stream().filter(s -> !s.acknowledged().isCompletedExceptionally())
                .map(s -> s.row().id()).toList();
        if (!done.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("delete from outbox where id = any(?)");
                Array ids = con.createArrayOf("bigint", done.toArray());
                ps.setArray(1, ids);
                return ps;
            });
            published.increment(done.size());
        }
        if (failed != null) {
            // A record Kafka reported as failed may still have been written; look before sending again.
            throw failed;
        }
        recoveryNeeded = false;
        if (refused != null) {
            throw refused;
        }
        return done.size();
    }

    /**
     * Waits until every handed-over record is acknowledged or failed, however long Kafka is away,
     * and returns the first failure, if any. Nothing may be sent again while a send is pending.
     */
    private RuntimeException awaitAcknowledgements(List<Sent> sent) throws InterruptedException {
        if (sent.isEmpty()) {
            return null;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.stream().map(Sent::acknowledged)
                .toArray(CompletableFuture[]::new));
        long started = System.nanoTime();
        try {
            all.get(settings.stallWarning().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stalled) {
            long waiting = sent.stream().filter(s -> !s.acknowledged().isDone()).count();
            outage.stalled(waiting, settings.stallWarning());
            try {
                all.get();
            } catch (ExecutionException ignored) {
                // examined below, per record
            }
            log.debug("outbox: Kafka acknowledged after {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (ExecutionException ignored) {
            // examined below, per record
        }
        for (Sent s : sent) {
            if (s.acknowledged().isCompletedExceptionally()) {
                Throwable cause = s.acknowledged().exceptionNow();
                return new KafkaException("Kafka did not take event " + s.row().envelope().eventId() + " ("
                        + s.row().envelope().eventType() + ") for " + s.row().topic() + ": " + cause, cause);
            }
        }
        return null;
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
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

    /** Waits for {@code duration}, or until the relay is stopped; wake-ups do not end it. */
    private void pause(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        lock.lock();
        try {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                signal.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts the relay's thread; it first looks for rows already on Kafka, then publishes. */
    @Override
    public void start() {
        running = true;
        recoveryNeeded = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    /**
     * Stops the relay: a batch in flight is given {@code kafkaTimeout} to be acknowledged and
     * deleted, then the thread is interrupted and the producer closed. Rows whose acknowledgement
     * did not come in time are found on Kafka by the next start's recovery, not sent again.
     */
    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(settings.kafkaTimeout().toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("outbox: closing the producer failed", e);
            }
            producer = null;
        }
        outage.reset();
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The relay's settings.
     *
     * @param batchSize      rows read and sent per batch
     * @param pollInterval   how often the relay looks for rows when nothing woke it
     * @param retryDelay     the first back-off after a failure; it doubles up to {@code maxRetryDelay}
     * @param maxRetryDelay  the longest back-off, and so the longest the relay lingers once both stores are back
     * @param kafkaTimeout   how long a send may block for metadata, a recovery read may make no progress, and
     *                       closing may wait for acknowledgements
     * @param stallWarning   how long Kafka may leave a batch unacknowledged before the relay logs that it waits
     * @param recoveryWindow how many of the oldest unpublished rows recovery looks for on Kafka; at least one batch
     * @param clockSkew      how far apart the clocks of the service's instances and the database may be
     */
    public record Settings(int batchSize, Duration pollInterval, Duration retryDelay, Duration maxRetryDelay,
                           Duration kafkaTimeout, Duration stallWarning, int recoveryWindow, Duration clockSkew) {

        /**
         * The latency histogram's buckets: from a few milliseconds (a healthy relay on one host) to
         * minutes (Kafka away), so that p50 and p99 come out of Prometheus with
         * {@code histogram_quantile} at useful resolution.
         */
        static final Duration[] LATENCY_BUCKETS = {
                Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)};

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the outbox batch size must be at least 1, got " + batchSize);
            }
            if (recoveryWindow < batchSize) {
                throw new IllegalArgumentException("the outbox recovery window (" + recoveryWindow + " rows) must "
                        + "hold at least one batch (" + batchSize + " rows)");
            }
            for (Duration d : List.of(pollInterval, retryDelay, maxRetryDelay, kafkaTimeout, stallWarning)) {
                if (Objects.requireNonNull(d).isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("outbox relay durations must be positive, got " + d);
                }
            }
            if (maxRetryDelay.compareTo(retryDelay) < 0) {
                throw new IllegalArgumentException("the outbox's max-retry-delay (" + maxRetryDelay
                        + ") must not be shorter than its retry-delay (" + retryDelay + ")");
            }
            Objects.requireNonNull(clockSkew, "clockSkew");
        }
    }

    /**
     * What the log says about an outage: one WARN when it starts, a reminder every
     * {@link #REMIND_EVERY}, DEBUG in between, and one INFO when it is over.
     */
    private final class Outage {
        private Instant since;
        private Instant lastWarned;

        void failed(RuntimeException e, Duration backoff) {
            Instant now = clock.instant();
            String cause = describe(e);
            if (since == null) {
                since = now;
                lastWarned = now;
                log.warn("outbox: publishing paused: {}; rows wait in the outbox, retrying every {} ms at most",
                        cause, settings.maxRetryDelay().toMillis());
            } else if (Duration.between(lastWarned, now).compareTo(REMIND_EVERY) >= 0) {
                lastWarned = now;
                log.warn("outbox: publishing still paused after {} s: {}", Duration.between(since, now).toSeconds(),
                        cause);
            } else {
                log.debug("outbox: still paused, next try in {} ms: {}", backoff.toMillis(), cause);
            }
        }

        void stalled(long waiting, Duration after) {
            Instant now = clock.instant();
            if (since == null) {
                since = now.minus(after);
                lastWarned = now;
                log.warn("outbox: Kafka has not acknowledged {} records for {} s; the producer keeps retrying and "
                        + "rows wait in the outbox", waiting, after.toSeconds());
            }
        }

        void over() {
            if (since != null) {
                log.info("outbox: publishing resumed after {} s", Duration.between(since, clock.instant()).toSeconds());
                reset();
            }
        }

        void reset() {
            since = null;
            lastWarned = null;
        }

        /** The innermost cause says what is wrong (connection refused, broker gone) without Spring's SQL echo. */
        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == e ? e.toString() : e.getClass().getSimpleName() + ": " + root;
        }
    }

    private record Row(long id, Envelope envelope, String topic, String key, byte[] payload) {
    }

    private record Sent(Row row, CompletableFuture<Void> acknowledged) {
    }
}
