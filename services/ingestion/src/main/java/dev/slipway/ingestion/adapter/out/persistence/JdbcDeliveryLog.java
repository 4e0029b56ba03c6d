package dev.slipway.ingestion.adapter.out.persistence;

import dev.slipway.ingestion.application.port.out.DeliveryLog;
import dev.slipway.ingestion.application.port.out.DeliveryNotStorableException;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.codec.EventCodec;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores deliveries in {@code deliveries} and their events in the outbox, with group commit: the
 * request threads hand their deliveries to a writer, which stores whatever has queued up since
 * its last commit in one transaction ({@link DeliveryBatch}) and answers each request once that
 * transaction has committed. One commit, and one fsync, serve every delivery in the batch, which is
 * what lets ingestion take thousands of deliveries a second while {@code synchronous_commit} stays
 * on.
 *
 * <p>There are {@code slipway.ingestion.writers} writers (1 by default), each with a thread and a
 * connection of its own, so that one batch can be written while another commits. On two cores one
 * writer did best: four made smaller batches and more commits, and took 28 % fewer deliveries a
 * second (docs/benchmarks.md). A repository's deliveries always go
 * to the same writer, which stores them one batch after another in the order they arrived: their
 * outbox ids, and so the order they are published in, follow that order, as the relay publishes
 * committed rows by id. Deliveries that name no known repository are spread by their id.
 *
 * <p>Failures are told apart ({@link DatabaseFailures}): when the database cannot take the batch
 * now, every delivery in it is answered {@link DeliveryStoreUnavailableException} (503, delivered
 * again later). When it refuses the batch, one delivery is to blame, and the others must not pay
 * for it: each is then stored alone, in order, and only the one the database refuses again is
 * answered {@link DeliveryNotStorableException}, and logged, since that is a bug of Slipway's.
 */
@Component
class JdbcDeliveryLog implements DeliveryLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcDeliveryLog.class);

    /** Deliveries in one transaction at most. */
    static final int MAX_BATCH = 256;
    /** A batch takes no further delivery once its bodies reach this size (a body may be 25 MB). */
    static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
    /**
     * How long a request waits for its batch: past this it is answered 503, well within the 10 s
     * GitHub waits. If the batch commits after all, the host's redelivery is answered as a duplicate.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

    private final DeliveryBatch batches;
    private final EventCodec codec;
    private final List<GroupCommit<DeliveryRow, Recording>> writers;
    private final DistributionSummary batchSizes;
    private final Timer batchWrites;

    JdbcDeliveryLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Outbox outbox, EventCodec codec,
                    MeterRegistry meters, @Value("${slipway.ingestion.writers:1}") int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("slipway.ingestion.writers must be 1 or more, was " + writers);
        }
        this.batches = new DeliveryBatch(jdbc, new TransactionTemplate(transactions), outbox);
        this.codec = codec;
        this.batchSizes = DistributionSummary.builder("slipway.ingestion.batch.size")
                .description("Deliveries stored in one transaction by the group commit")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.batchWrites = Timer.builder("slipway.ingestion.batch.duration")
                .description("Time to store one batch of deliveries, from its first insert to its commit")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.writers = IntStream.range(0, writers)
                .mapToObj(i -> new GroupCommit<DeliveryRow, Recording>("delivery-log-writer-" + i, this::write, MAX_BATCH,
                        MAX_BATCH_BYTES, row -> row.delivery().body().length))
                .toList();
    }

    @Override
    public Recording record(NewDelivery delivery) {
        // Written here, on the request's thread, so that the writer only stores (see DeliveryRow).
        CompletableFuture<Recording> recording = writerOf(delivery).submit(DeliveryRow.of(delivery, codec));
        try {
            return recording.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw switch (e.getCause() == null ? e : e.getCause()) {
                case DeliveryStoreUnavailableException unavailable -> unavailable;
                case DeliveryNotStorableException refused -> refused;
                case Throwable other -> new DeliveryStoreUnavailableException("the delivery log cannot store delivery "
                        + delivery.deliveryId() + ": " + other.getMessage(), other);
            };
        } catch (TimeoutException e) {
            throw new DeliveryStoreUnavailableException("the delivery log did not store delivery "
                    + delivery.deliveryId() + " within " + ANSWER_WITHIN.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryStoreUnavailableException("interrupted while delivery " + delivery.deliveryId()
                    + " was being stored", e);
        }
    }

    /** The writer of the delivery's repository; of its id when it names none. */
    private GroupCommit<DeliveryRow, Recording> writerOf(NewDelivery delivery) {
        String key = delivery.repositoryId() != null ? delivery.repositoryId()
                : delivery.provider() + ":" + delivery.deliveryId();
        return writers.get(Math.floorMod(key.hashCode(), writers.size()));
    }

    /** Writes one batch; on a writer's thread. */
    private void write(List<GroupCommit.Pending<DeliveryRow, Recording>> batch) {
        List<DeliveryRow> rows = batch.stream().map(GroupCommit.Pending::item).toList();
        batchSizes.record(rows.size());
        long started = System.nanoTime();
        try {
            List<Recording> outcomes = batches.store(rows);
            batchWrites.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (DatabaseFailures.classify(e) == DatabaseFailures.Kind.UNAVAILABLE) {
                for (GroupCommit.Pending<DeliveryRow, Recording> pending : batch) {
                    pending.result().completeExceptionally(new DeliveryStoreUnavailableException(
                            "the delivery log cannot store delivery " + pending.item().delivery().deliveryId() + ": "
                                    + rootMessage(e), e));
                }
            } else if (batch.size() > 1) {
                log.warn("the database refused a batch of {} deliveries ({}); storing each alone", batch.size(),
                        describe(e));
                for (GroupCommit.Pending<DeliveryRow, Recording> pending : batch) {
                    write(List.of(pending));
                }
            } else {
                NewDelivery delivery = rows.getFirst().delivery();
                log.error("the database refused delivery {} of {} ({}, verdict {}); it was not stored: {}",
                        delivery.deliveryId(), delivery.provider(), delivery.repositoryId(), delivery.verdict(),
                        describe(e), e);
                batch.getFirst().result().completeExceptionally(new DeliveryNotStorableException(
                        "the database refused delivery " + delivery.deliveryId() + ": " + describe(e), e));
            }
        }
    }

    /** Lets the writers store what they were given, then stops them; Spring calls this at shutdown. */
    @Override
    public void close() {
        // Closed side by side: each lets its thread store what it was given.
        writers.parallelStream().forEach(writer -> writer.close(ANSWER_WITHIN.multipliedBy(2)));
    }

    private static String describe(Throwable e) {
        String state = DatabaseFailures.sqlStateOf(e);
        return (state == null ? "" : "SQLState " + state + ": ") + rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
