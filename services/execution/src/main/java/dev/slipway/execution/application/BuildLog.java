package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.LogBatcher;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.SecretMask;
import dev.slipway.model.build.LogChunk;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one build on its way to {@code slipway.build.logs}: lines go into a
 * {@link LogBatcher}, and the chunks it closes are appended to the outbox by a thread of the
 * build's own, several at a time, in one transaction. Every line is masked first: no secret value
 * of the build reaches a chunk. Thread-safe: the engine's reading threads add lines while a timer
 * flushes due chunks.
 *
 * <p>Why a thread of its own: a transaction costs a commit, several milliseconds when the disk is
 * busy, and a step that prints fast closes a chunk every few milliseconds. Stored by the thread
 * that reads the output, one transaction per chunk, a step that printed a million lines took
 * more than twice as long as the same step under {@code docker run}, since the engine holds a
 * container back while its output is not read. Stored here, what waits goes in the next
 * transaction, so the reader does not wait for commits and the commits keep up.
 *
 * <p>A reader still waits when {@value #MAX_WAITING} chunks wait, so that a log never outruns the
 * database by more than that; but not while storing fails, so that a database that is away does
 * not stall the build. A chunk the database did not take stays first in line and is tried again,
 * so that sequence numbers reach Kafka in order and without gaps.
 */
final class BuildLog implements AutoCloseable {

    /** Chunks that may wait for the database before a reader waits too. */
    static final int MAX_WAITING = 64;
    /** Chunks stored in one transaction at most. */
    static final int MAX_PER_TRANSACTION = 32;
    /** How long the publisher waits before it tries a chunk that the database did not take again. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(BuildLog.class);

    private final Run run;
    private final LogBatcher batcher;
    private final BuildEventPublisher events;
    private final Transactions transactions;
    private final SecretMask mask;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a chunk waits, a store ends, or the log closes. */
    private final Condition changed = lock.newCondition();
    private final Deque<LogChunk> unpublished = new ArrayDeque<>();
    private final Thread publisher;
    private boolean storing;
    private boolean failing;
    private long attemptsStarted;
    private long lastFailedAttempt;
    private boolean closing;
    private boolean closed;

    BuildLog(Run run, LogBatcher batcher, BuildEventPublisher events, Transactions transactions, SecretMask mask) {
        this.run = run;
        this.batcher = batcher;
        this.events = events;
        this.transactions = transactions;
        this.mask = mask;
        this.publisher = Thread.ofVirtual().name("build-log-" + run.buildId()).start(this::publish);
    }

    /** Adds one line of {@code step}'s output, masked; waits while too many chunks wait for the database. */
    void line(String step, String line) {
        String masked = mask.apply(line);
        lock.lock();
        try {
            while (unpublished.size() >= MAX_WAITING && !failing && !closed) {
                changed.awaitUninterruptibly();
            }
            waiting(batcher.add(step, masked));
        } finally {
            lock.unlock();
        }
    }

    /** {@code text} with the build's secret values masked, for messages that travel outside the log. */
    String masked(String text) {
        return mask.apply(text);
    }

    /** Hands the open chunk to the publisher if it has waited long enough; called by a timer, never waits. */
    void flushIfDue() {
        lock.lock();
        try {
            batcher.flushIfDue().ifPresent(chunk -> waiting(List.of(chunk)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores every line added so far, for example when a step ends; returns early when the
     * database does not take them, which leaves them to be tried again.
     */
    void flush() {
        lock.lock();
        try {
            batcher.flush().ifPresent(chunk -> waiting(List.of(chunk)));
            while ((!unpublished.isEmpty() || storing) && !failing) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stores what is left, trying at most once more when the database fails, and stops the publisher. */
    @Override
    public void close() {
        lock.lock();
        try {
            batcher.flush().ifPresent(chunk -> waiting(List.of(chunk)));
            closing = true;
            changed.signalAll();
            // The first attempt that starts from now on; whatever it or a later one stores, it is the last chance.
            long lastChance = attemptsStarted + 1;
            while ((!unpublished.isEmpty() || storing) && lastFailedAttempt < lastChance) {
                changed.awaitUninterruptibly();
            }
            if (!unpublished.isEmpty()) {
                log.error("build {}: {} log chunks from sequence {} could not be stored and are lost",
                        run.buildId(), unpublished.size(), unpublished.peek().sequence());
                unpublished.clear();
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            publisher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waiting(List<LogChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        if (closed) {
            // A line from a reader that outlived the build's end: no publisher any more, so one try here.
            RuntimeException failure = store(chunks);
            if (failure != null) {
                log.error("build {}: {} log chunks from sequence {}, which came after the build's end, could not be "
                        + "stored and are lost: {}", run.buildId(), chunks.size(), chunks.getFirst().sequence(),
                        failure.toString());
            }
            return;
        }
        unpublished.addAll(chunks);
        changed.signalAll();
    }

    /** The publisher: stores the oldest waiting chunks, as many as one transaction takes, until the log closes. */
    private void publish() {
        while (true) {
            List<LogChunk> batch = new ArrayList<>();
            long attempt;
            lock.lock();
            try {
                while (unpublished.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                for (LogChunk chunk : unpublished) {
                    if (batch.size() == MAX_PER_TRANSACTION) {
                        break;
                    }
                    batch.add(chunk);
                }
                storing = true;
                attempt = ++attemptsStarted;
            } finally {
                lock.unlock();
            }
            RuntimeException failure = store(batch);
            lock.lock();
            try {
                storing = false;
                if (failure == null) {
                    batch.forEach(chunk -> unpublished.pollFirst());
                    failing = false;
                } else {
                    if (!failing) {
                        log.warn("build {}: log chunk {} could not be stored, will retry: {}", run.buildId(),
                                batch.getFirst().sequence(), failure.toString());
                    }
                    failing = true;
                    lastFailedAttempt = attempt;
                }
                changed.signalAll();
                // New lines do not cut the pause short; a close does, since it waits for one more attempt.
                long pause = failure == null ? 0 : RETRY_PAUSE.toNanos();
                while (pause > 0 && !closing) {
                    pause = changed.awaitNanos(pause);
                }
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but a stopping JVM; close() still decides when it ends.
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stores {@code batch} in one transaction; the failure, or null. */
    private RuntimeException store(List<LogChunk> batch) {
        try {
            transactions.inTransaction(() -> batch.forEach(chunk -> events.publish(chunk, run)));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
