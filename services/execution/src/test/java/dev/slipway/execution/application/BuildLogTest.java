package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.out.BuildEventPublisher;
import dev.slipway.execution.application.port.out.Transactions;
import dev.slipway.execution.domain.LogBatcher;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.SecretMask;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.LogChunk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BuildLogTest {

    private static final Run RUN = Run.queued(UUID.fromString("00000000-0000-0000-0000-0000000000c1"), "github:acme/app",
            "acme/app", 1, "file:///repo", "a".repeat(40), "refs/heads/main", "correlation",
            UUID.fromString("00000000-0000-0000-0000-0000000000c2"), Instant.parse("2026-01-01T00:00:00Z"));

    private final CountingTransactions transactions = new CountingTransactions();

    @Test
    void storesWhatWaitsInOneTransactionWhileTheReaderGoesOn() throws Exception {
        // Verifies group commits: while one store is held up, the reader is not, and the chunks it closed meanwhile go
        // into the next transaction together, in sequence order.
        SlowStore store = new SlowStore();
        BuildLog log = buildLog(store, 10);
        IntStream.range(0, 10).forEach(i -> log.line("test", "line " + i));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();

        IntStream.range(10, 100).forEach(i -> log.line("test", "line " + i));
        store.release.countDown();
        log.flush();

        assertThat(store.chunks).extracting(LogChunk::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(Long::valueOf).toList());
        assertThat(store.chunks.stream().flatMap(c -> c.lines().stream()))
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "line " + i).toList());
        assertThat(transactions.count.get()).isEqualTo(2);
        log.close();
    }

    @Test
    void aReaderWaitsOnceTooManyChunksWaitForTheDatabase() throws Exception {
        // Verifies the bound: with the database held up, a reader stops after MAX_WAITING chunks, and goes on when they
        // are stored.
        SlowStore store = new SlowStore();
        BuildLog log = buildLog(store, 1);
        AtomicInteger added = new AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < BuildLog.MAX_WAITING * 3; i++) {
                log.line("test", "line " + i);
                added.incrementAndGet();
            }
        });
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);

        // MAX_WAITING chunks wait, the one being stored among them: the line after them waits.
        assertThat(added.get()).isBetween(BuildLog.MAX_WAITING - 1, BuildLog.MAX_WAITING + 1);
        store.release.countDown();
        reader.join(Duration.ofSeconds(5));
        log.close();

        assertThat(store.chunks).hasSize(BuildLog.MAX_WAITING * 3);
    }

    @Test
    void aChunkTheDatabaseRefusedIsTriedAgainAndLinesDoNotWaitMeanwhile() {
        // Verifies retries: a store that fails keeps its chunks first in line, readers are not held back while it fails,
        // and the chunks arrive once the database takes them, in order.
        FlakyStore store = new FlakyStore(3);
        BuildLog log = buildLog(store, 1);

        IntStream.range(0, BuildLog.MAX_WAITING * 2).forEach(i -> log.line("test", "line " + i));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.chunks.size() < BuildLog.MAX_WAITING * 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        log.close();

        assertThat(store.failures.get()).isEqualTo(3);
        assertThat(store.chunks).extracting(LogChunk::sequence)
                .containsExactlyElementsOf(IntStream.range(0, BuildLog.MAX_WAITING * 2).mapToObj(Long::valueOf).toList());
    }

    @Test
    void closeGivesUpAfterOneMoreFailedAttempt() {
        // Verifies that a database that never takes the log does not hold the build's end: close tries once more, then
        // drops what waits (and says so in the executor's log).
        FlakyStore store = new FlakyStore(Integer.MAX_VALUE);
        BuildLog log = buildLog(store, 1);
        log.line("test", "one");
        log.line("test", "two");
        // The database has refused the chunks once before the build ends, so that close's attempt is one more.
        long refused = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.failures.get() < 1 && System.nanoTime() < refused) {
            Thread.onSpinWait();
        }
        int before = store.failures.get();
        assertThat(before).isPositive();

        long started = System.nanoTime();
        log.close();

        assertThat(store.chunks).isEmpty();
        assertThat(store.failures.get()).isGreaterThanOrEqualTo(before + 1);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
    }

    @Test
    void masksSecretsBeforeALineIsBatched() {
        // Verifies that the mask applies to every line on its way into a chunk.
        FlakyStore store = new FlakyStore(0);
        BuildLog log = new BuildLog(RUN, new LogBatcher(RUN.buildId(), Clock.systemUTC(), Duration.ofMillis(100), 10),
                store, transactions, SecretMask.of(List.of("hunter2")));

        log.line("test", "password is hunter2");
        log.close();

        assertThat(store.chunks).singleElement().extracting(LogChunk::lines).isEqualTo(List.of("password is ****"));
    }

    private BuildLog buildLog(BuildEventPublisher store, int linesPerChunk) {
        return new BuildLog(RUN, new LogBatcher(RUN.buildId(), Clock.systemUTC(), Duration.ofSeconds(60), linesPerChunk),
                store, transactions, SecretMask.none());
    }

    /** Records the chunks it stores; a log publishes no build event. */
    private abstract class ChunkStore implements BuildEventPublisher {
        final List<LogChunk> chunks = new CopyOnWriteArrayList<>();

        @Override
        public void publish(BuildEvent event, Run run) {
            throw new AssertionError("a log publishes no build event");
        }

        @Override
        public void publish(LogChunk chunk, Run run) {
            assertThat(transactions.active()).isTrue();
            store(chunk);
            chunks.add(chunk);
        }

        abstract void store(LogChunk chunk);
    }

    /** Holds the first transaction until released. */
    private final class SlowStore extends ChunkStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        void store(LogChunk chunk) {
            entered.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Fails the first {@code failing} transactions, then stores. */
    private final class FlakyStore extends ChunkStore {
        final AtomicInteger failures = new AtomicInteger();
        private final int failing;

        FlakyStore(int failing) {
            this.failing = failing;
        }

        @Override
        void store(LogChunk chunk) {
            if (failures.get() < failing) {
                failures.incrementAndGet();
                throw new IllegalStateException("the database is away");
            }
        }
    }

    /** Transactions as {@link DirectTransactions} keeps them, counted. */
    private static final class CountingTransactions implements Transactions {
        final AtomicInteger count = new AtomicInteger();
        private final DirectTransactions direct = new DirectTransactions();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (!direct.active()) {
                count.incrementAndGet();
            }
            return direct.inTransaction(work);
        }

        @Override
        public void afterCommit(Runnable action) {
            direct.afterCommit(action);
        }

        boolean active() {
            return direct.active();
        }
    }
}
