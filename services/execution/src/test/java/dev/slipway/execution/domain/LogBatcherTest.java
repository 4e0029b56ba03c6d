package dev.slipway.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.model.build.LogChunk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogBatcherTest {

    private static final UUID BUILD = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    private static final Duration DELAY = Duration.ofMillis(100);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LogBatcher batcher = new LogBatcher(BUILD, clock, DELAY, 500);

    @Test
    void numbersARetriedAttemptsChunksAfterEveryChunkOfTheAttemptsBefore() {
        // Verifies the numbering per attempt: the first claim from 0, a retry from 2^40, with no gaps after that.
        assertThat(LogBatcher.firstSequenceOf(1)).isZero();
        assertThat(LogBatcher.firstSequenceOf(2)).isEqualTo(1L << 40);
        assertThat(LogBatcher.firstSequenceOf(3)).isEqualTo(2L << 40);
        LogBatcher retry = new LogBatcher(BUILD, clock, DELAY, 1, LogBatcher.firstSequenceOf(2));

        assertThat(retry.add("clone", "one")).extracting(LogChunk::sequence).containsExactly(1L << 40);
        assertThat(retry.add("clone", "two")).extracting(LogChunk::sequence).containsExactly((1L << 40) + 1);
        assertThatThrownBy(() -> new LogBatcher(BUILD, clock, DELAY, 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdsLinesUntilTheDelayHasPassed() {
        // Verifies that lines wait, unpublished, until the oldest of them has waited 100 ms.
        assertThat(batcher.add("build", "one")).isEmpty();
        clock.advance(Duration.ofMillis(60));
        assertThat(batcher.add("build", "two")).isEmpty();
        clock.advance(Duration.ofMillis(39));
        assertThat(batcher.flushIfDue()).isEmpty();

        clock.advance(Duration.ofMillis(1));

        assertThat(batcher.flushIfDue()).contains(new LogChunk(BUILD, "build", 0, List.of("one", "two")));
        assertThat(batcher.flushIfDue()).isEmpty();
    }

    @Test
    void closesAChunkWithTheLineThatArrivesAfterTheDelay() {
        // Verifies that a line arriving late closes its chunk at once, without waiting for a timer.
        batcher.add("build", "one");
        clock.advance(Duration.ofMillis(150));

        assertThat(batcher.add("build", "two")).containsExactly(new LogChunk(BUILD, "build", 0, List.of("one", "two")));
    }

    @Test
    void closesAChunkAtFiveHundredLines() {
        // Verifies that a chunk never holds more than 500 lines, even when they all come at once.
        List<LogChunk> closed = new ArrayList<>();
        IntStream.range(0, 1_201).forEach(i -> closed.addAll(batcher.add("build", "line " + i)));

        assertThat(closed).hasSize(2);
        assertThat(closed.get(0).lines()).hasSize(500).startsWith("line 0").endsWith("line 499");
        assertThat(closed.get(1).lines()).hasSize(500).startsWith("line 500").endsWith("line 999");
        assertThat(batcher.flush().orElseThrow().lines()).hasSize(201).startsWith("line 1000").endsWith("line 1200");
    }

    @Test
    void closesAChunkBeforeALineThatWouldTakeItPastTheCharacterLimit() {
        // Verifies the size bound: long lines close a chunk before it passes MAX_CHARS characters, whatever its line count.
        String quarter = "x".repeat(LogBatcher.MAX_CHARS / 4);
        List<LogChunk> closed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            closed.addAll(batcher.add("build", quarter));
        }

        assertThat(closed).hasSize(1);
        assertThat(closed.getFirst().lines()).hasSize(4);
        assertThat(batcher.flush().orElseThrow().lines()).hasSize(1);
    }

    @Test
    void givesALineLongerThanTheLimitAChunkOfItsOwn() {
        // Verifies that one line over MAX_CHARS closes the open chunk before it and its own chunk at once, unsplit.
        String huge = "y".repeat(LogBatcher.MAX_CHARS + 10);
        batcher.add("build", "before");

        List<LogChunk> closed = batcher.add("build", huge);

        assertThat(closed).containsExactly(new LogChunk(BUILD, "build", 0, List.of("before")),
                new LogChunk(BUILD, "build", 1, List.of(huge)));
        assertThat(batcher.add("build", "after")).isEmpty();
        assertThat(batcher.flush().orElseThrow().lines()).containsExactly("after");
    }

    @Test
    void startsANewChunkWhenTheStepChanges() {
        // Verifies that a chunk holds one step's lines only: the next step's first line closes it.
        batcher.add("clone", "Cloning file:///repo");

        List<LogChunk> closed = batcher.add("build", "Step 1/2 : FROM busybox");

        assertThat(closed).containsExactly(new LogChunk(BUILD, "clone", 0, List.of("Cloning file:///repo")));
        assertThat(batcher.flush()).contains(new LogChunk(BUILD, "build", 1, List.of("Step 1/2 : FROM busybox")));
    }

    @Test
    void numbersChunksFromZeroWithoutGaps() {
        // Verifies that sequence numbers count every chunk of the build, whatever closed it.
        List<LogChunk> chunks = new ArrayList<>();
        chunks.addAll(batcher.add("clone", "a"));
        chunks.addAll(batcher.add("build", "b"));
        clock.advance(DELAY);
        batcher.flushIfDue().ifPresent(chunks::add);
        IntStream.range(0, 500).forEach(i -> chunks.addAll(batcher.add("build", "c" + i)));
        batcher.add("build", "d");
        batcher.flush().ifPresent(chunks::add);

        assertThat(chunks).extracting(LogChunk::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(batcher.nextSequence()).isEqualTo(4);
    }

    @Test
    void keepsLinesExactlyAsGiven() {
        // Verifies that the batcher neither trims, drops nor merges lines, blank ones included.
        batcher.add("build", "  indented ");
        batcher.add("build", "");
        batcher.add("build", "\tend");

        assertThat(batcher.flush().orElseThrow().lines()).containsExactly("  indented ", "", "\tend");
    }

    @Test
    void flushesNothingWhenNothingWaits() {
        // Verifies that an idle batcher produces no empty chunks and uses no sequence numbers.
        clock.advance(Duration.ofSeconds(10));

        assertThat(batcher.flushIfDue()).isEmpty();
        assertThat(batcher.flush()).isEmpty();
        assertThat(batcher.nextSequence()).isZero();
    }

    @Test
    void refusesAChunkSizeBelowOne() {
        // Verifies that a nonsensical configuration is refused with its name and value.
        assertThatThrownBy(() -> new LogBatcher(BUILD, clock, DELAY, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLines");
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
