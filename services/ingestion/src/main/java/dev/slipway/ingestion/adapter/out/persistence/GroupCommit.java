package dev.slipway.ingestion.adapter.out.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * One writer thread that takes what many request threads hand it and writes it in batches: while
 * one batch commits, the next requests queue up, and the writer takes all of them (up to a size
 * and a byte budget) as its next batch. Under load a commit, and its fsync, serves many requests;
 * alone, a request waits for nothing but its own write.
 *
 * <p>Items are taken in the order {@link #submit} received them, and batches are written one at a
 * time in that order. The writer completes each item's future; {@link #close} lets it write what
 * was submitted before and then stops it, and a submit after that fails at once.
 *
 * @param <I> what is written
 * @param <R> what each item's future gives
 */
final class GroupCommit<I, R> implements AutoCloseable {

    /** One submitted item and the future its submitter waits on. */
    record Pending<I, R>(I item, CompletableFuture<R> result) {
    }

    private final LinkedBlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<Pending<I, R>>> writer;
    private final int maxItems;
    private final long maxBytes;
    private final ToLongFunction<I> bytes;
    private final ReentrantLock submitting = new ReentrantLock();
    private final Thread thread;
    private volatile boolean closed;
    private Pending<I, R> carried;

    /**
     * @param name     the writer thread's name
     * @param writer   writes one batch and completes every future in it, normally or exceptionally
     * @param maxItems items in one batch at most
     * @param maxBytes a batch takes no further item once its items weigh this much
     * @param bytes    what one item weighs
     */
    GroupCommit(String name, Consumer<List<Pending<I, R>>> writer, int maxItems, long maxBytes,
                ToLongFunction<I> bytes) {
        this.writer = writer;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.bytes = bytes;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** Queues {@code item} for the next batch; the future fails at once if the writer is closed. */
    CompletableFuture<R> submit(I item) {
        Pending<I, R> pending = new Pending<>(item, new CompletableFuture<>());
        submitting.lock();
        try {
            if (closed) {
                pending.result().completeExceptionally(new IllegalStateException("the writer is closed"));
            } else {
                queue.add(pending);
            }
        } finally {
            submitting.unlock();
        }
        return pending.result();
    }

    private void run() {
        while (true) {
            List<Pending<I, R>> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                // Nothing interrupts the writer on purpose; stopping is close's job, after the queue drained.
                continue;
            }
            if (batch == null) {
                return;
            }
            try {
                writer.accept(batch);
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
            // A writer that forgot an item must not leave its submitter waiting for ever. (Checked first:
            // making the exception for every item, done or not, would cost a stack trace per delivery.)
            for (Pending<I, R> pending : batch) {
                if (!pending.result().isDone()) {
                    pending.result().completeExceptionally(
                            new IllegalStateException("the batch writer did not complete this item"));
                }
            }
        }
    }

    /** The next batch, waiting for its first item; {@code null} once closed and drained. */
    private List<Pending<I, R>> nextBatch() throws InterruptedException {
        Pending<I, R> first = carried;
        carried = null;
        while (first == null) {
            if (closed && queue.isEmpty()) {
                return null;
            }
            first = queue.poll(100, TimeUnit.MILLISECONDS);
        }
        List<Pending<I, R>> batch = new ArrayList<>(Math.min(maxItems, queue.size() + 1));
        batch.add(first);
        long weight = bytes.applyAsLong(first.item());
        while (batch.size() < maxItems && weight < maxBytes) {
            Pending<I, R> next = queue.poll();
            if (next == null) {
                break;
            }
            long more = bytes.applyAsLong(next.item());
            if (weight + more > maxBytes) {
                carried = next;
                break;
            }
            batch.add(next);
            weight += more;
        }
        return batch;
    }

    /** Lets the writer finish what was submitted, within {@code grace}, and stops it. */
    void close(Duration grace) {
        submitting.lock();
        try {
            closed = true;
        } finally {
            submitting.unlock();
        }
        try {
            thread.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
