package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.LogBatcher;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.SecretMask;
import dev.slipway.model.build.LogChunk;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one build on its way to {@code slipway.build.logs}: lines go into a
 * {@link LogBatcher}, and each chunk it closes is appended to the outbox in a transaction of its
 * own. Every line is masked first: no secret value of the build reaches a chunk. Thread-safe:
 * the engine's callback threads add lines while a timer flushes due chunks.
 *
 * <p>A chunk the database did not take stays first in line and is tried again with the next
 * line or tick, so that sequence numbers reach Kafka in order and without gaps.
 */
final class BuildLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BuildLog.class);

    private final Run run;
    private final LogBatcher batcher;
    private final BuildEventPublisher events;
    private final Transactions transactions;
    private final SecretMask mask;
    private final Deque<LogChunk> unpublished = new ArrayDeque<>();
    private boolean failing;

    BuildLog(Run run, LogBatcher batcher, BuildEventPublisher events, Transactions transactions, SecretMask mask) {
        this.run = run;
        this.batcher = batcher;
        this.events = events;
        this.transactions = transactions;
        this.mask = mask;
    }

    /** Adds one line of {@code step}'s output, masked. */
    void line(String step, String line) {
        String masked = mask.apply(line);
        synchronized (this) {
            add(step, masked);
        }
    }

    private void add(String step, String line) {
        List<LogChunk> closed = batcher.add(step, line);
        unpublished.addAll(closed);
        publishWaiting();
    }

    /** {@code text} with the build's secret values masked, for messages that travel outside the log. */
    String masked(String text) {
        return mask.apply(text);
    }

    /** Publishes the open chunk if it has waited long enough; called by a timer. */
    synchronized void flushIfDue() {
        batcher.flushIfDue().ifPresent(unpublished::add);
        publishWaiting();
    }

    /** Publishes every line added so far, for example when a step ends. */
    synchronized void flush() {
        batcher.flush().ifPresent(unpublished::add);
        publishWaiting();
    }

    @Override
    public synchronized void close() {
        flush();
        if (!unpublished.isEmpty()) {
            log.error("build {}: {} log chunks from sequence {} could not be stored and are lost",
                    run.buildId(), unpublished.size(), unpublished.peek().sequence());
            unpublished.clear();
        }
    }

    private void publishWaiting() {
        while (!unpublished.isEmpty()) {
            LogChunk next = unpublished.peek();
            try {
                transactions.inTransaction(() -> events.publish(next, run));
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("build {}: log chunk {} could not be stored, will retry: {}", run.buildId(),
                            next.sequence(), e.toString());
                }
                failing = true;
                return;
            }
            failing = false;
            unpublished.poll();
        }
    }
}
