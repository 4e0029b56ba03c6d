package dev.slipway.ingestion.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The group-commit writer alone, with a writer function in place of the database. */
class GroupCommitTest {

    @Test
    void writesWhatQueuedUpMeanwhileAsOneBatchInTheOrderItWasSubmitted() throws Exception {
        // Verifies that items submitted while a batch is being written form the next batch, in submission order.
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        Consumer<List<GroupCommit.Pending<Integer, String>>> writer = batch -> {
            batches.add(batch.stream().map(GroupCommit.Pending::item).toList());
            firstBatchStarted.countDown();
            await(release);
            batch.forEach(p -> p.result().complete("stored " + p.item()));
        };
        try (GroupCommit<Integer, String> group = new GroupCommit<>("test-writer", writer, 100, 1_000, i -> 1)) {
            CompletableFuture<String> first = group.submit(0);
            assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                queued.add(group.submit(i));
            }
            release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("stored 0");
            for (int i = 1; i <= 10; i++) {
                assertThat(queued.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("stored " + i);
            }
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Test
    void capsABatchByItemsAndByWeightAndCarriesTheRestToTheNext() throws Exception {
        // Verifies the two caps: at most maxItems per batch, and no item added once it would pass maxBytes.
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        Consumer<List<GroupCommit.Pending<Integer, String>>> writer = batch -> {
            await(release);
            batches.add(batch.stream().map(GroupCommit.Pending::item).toList());
            batch.forEach(p -> p.result().complete("ok"));
        };
        List<CompletableFuture<String>> all = new ArrayList<>();
        try (GroupCommit<Integer, String> group = new GroupCommit<>("test-writer", writer, 3, 10, i -> i)) {
            all.add(group.submit(1));
            Thread.sleep(200); // the writer now holds batch [1] and waits
            for (int item : new int[] {2, 2, 2, 2, 6, 5, 1}) {
                all.add(group.submit(item));
            }
            release.countDown();
            for (CompletableFuture<String> f : all) {
                f.get(5, TimeUnit.SECONDS);
            }
        }
        assertThat(batches).containsExactly(List.of(1), List.of(2, 2, 2), List.of(2, 6), List.of(5, 1));
    }

    @Test
    void failsEveryItemOfABatchWhoseWriterThrowsAndGoesOnWithTheNext() throws Exception {
        // Verifies that a writer failure reaches each waiting submitter, and that the writer thread survives it.
        Consumer<List<GroupCommit.Pending<String, String>>> writer = batch -> {
            if (batch.getFirst().item().equals("boom")) {
                throw new IllegalStateException("writer failed");
            }
            batch.forEach(p -> p.result().complete(p.item()));
        };
        try (GroupCommit<String, String> group = new GroupCommit<>("test-writer", writer, 1, 100, s -> 1)) {
            CompletableFuture<String> failed = group.submit("boom");
            CompletableFuture<String> next = group.submit("fine");

            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("writer failed");
            assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("fine");
        }
    }

    @Test
    void closeWritesWhatWasSubmittedAndRefusesWhatComesAfter() throws Exception {
        // Verifies an orderly stop: nothing submitted before close is dropped, nothing after it waits for ever.
        Consumer<List<GroupCommit.Pending<Integer, String>>> slowWriter = batch -> {
            sleep(Duration.ofMillis(50));
            batch.forEach(p -> p.result().complete("stored"));
        };
        GroupCommit<Integer, String> group = new GroupCommit<>("test-writer", slowWriter, 2, 100, i -> 1);
        List<CompletableFuture<String>> before = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            before.add(group.submit(i));
        }

        group.close(Duration.ofSeconds(10));

        for (CompletableFuture<String> f : before) {
            assertThat(f).isCompletedWithValue("stored");
        }
        assertThatThrownBy(() -> group.submit(11).get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("the writer is closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
