package dev.slipway.execution.domain;

import dev.slipway.model.build.LogChunk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Gathers the output lines of one build into {@link LogChunk}s. A chunk closes when it holds
 * {@code maxLines} lines, when its oldest line has waited {@code maxDelay}, or when the output
 * moves on to another step, so that a chunk always belongs to one step. It also closes before a
 * line that would take it past {@value #MAX_CHARS} characters, so that a chunk of long lines
 * stays well inside the smallest Kafka record Slipway allows (1 MB, even with every character
 * escaped in JSON); a single longer line makes a chunk of its own. Chunks are numbered without
 * gaps across the whole build, in the order they close, from the first number of the run's
 * attempt ({@link #firstSequenceOf}): 0 for the first, and far enough apart for each retry that a
 * retried build's chunks follow the lost attempt's instead of taking their numbers, which history
 * keeps once each.
 *
 * <p>It does no I/O and keeps no timer: time comes from the injected clock, and whoever owns the
 * batcher calls {@link #flushIfDue()} often enough for the delay to hold. Not thread-safe.
 */
public final class LogBatcher {

    /** The characters of a chunk's lines at most, unless one line alone has more. */
    public static final int MAX_CHARS = 128 * 1024;

    private static final int ATTEMPT_BITS = 40;

    private final UUID buildId;
    private final Clock clock;
    private final Duration maxDelay;
    private final int maxLines;

    private final List<String> lines = new ArrayList<>();
    private int chars;
    private String step;
    private Instant openedAt;
    private long nextSequence;

    public LogBatcher(UUID buildId, Clock clock, Duration maxDelay, int maxLines) {
        this(buildId, clock, maxDelay, maxLines, 0);
    }

    /** A batcher whose first chunk gets {@code firstSequence}. */
    public LogBatcher(UUID buildId, Clock clock, Duration maxDelay, int maxLines, long firstSequence) {
        if (firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence must not be negative, was " + firstSequence);
        }
        this.nextSequence = firstSequence;
        this.buildId = Objects.requireNonNull(buildId, "buildId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
        }
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be 1 or more, was " + maxLines);
        }
        this.maxLines = maxLines;
    }

    /**
     * Adds one line of {@code step}'s output.
     *
     * @return the chunks that closed because of it, oldest first: none, the open chunk (of the
     *         previous step, or too long for this line), this one (full or due), or both
     */
    public List<LogChunk> add(String step, String line) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(line, "line");
        List<LogChunk> closed = new ArrayList<>(2);
        if (!lines.isEmpty() && (!this.step.equals(step) || chars + line.length() > MAX_CHARS)) {
            closed.add(close());
        }
        if (lines.isEmpty()) {
            this.step = step;
            this.openedAt = clock.instant();
        }
        lines.add(line);
        chars += line.length();
        if (lines.size() >= maxLines || chars >= MAX_CHARS || isDue()) {
            closed.add(close());
        }
        return closed;
    }

    /** Closes the open chunk if its oldest line has waited {@code maxDelay} or longer. */
    public Optional<LogChunk> flushIfDue() {
        return !lines.isEmpty() && isDue() ? Optional.of(close()) : Optional.empty();
    }

    /** Closes the open chunk, if any line waits. */
    public Optional<LogChunk> flush() {
        return lines.isEmpty() ? Optional.empty() : Optional.of(close());
    }

    /**
     * The number of the first chunk of a run's {@code attempt} (1 for its first claim): attempt
     * {@code n} starts at {@code (n - 1) * 2^40}, more chunks than any attempt can close.
     */
    public static long firstSequenceOf(int attempt) {
        return attempt <= 1 ? 0 : (attempt - 1L) << ATTEMPT_BITS;
    }

    /** The sequence number that the next chunk will get. */
    public long nextSequence() {
        return nextSequence;
    }

    private boolean isDue() {
        return !clock.instant().isBefore(openedAt.plus(maxDelay));
    }

    private LogChunk close() {
        LogChunk chunk = new LogChunk(buildId, step, nextSequence++, List.copyOf(lines));
        lines.clear();
        chars = 0;
        step = null;
        openedAt = null;
        return chunk;
    }
}
