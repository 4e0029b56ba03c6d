package dev.slipway.bench.webhook;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One closed-loop run against one target: {@code concurrency} workers (virtual threads, or platform
 * threads to compare what the generator itself costs), each with its own keep-alive connection, post one delivery, wait for the whole answer, and post the next, for the
 * warm-up and then the measured duration. Only requests that start and end inside the measured
 * window are timed and counted for throughput; every answer of the whole run, warm-up included,
 * is counted by status, so that no refused delivery goes unnoticed.
 *
 * <p>Closed loop means the latencies are service times as a sender with {@code concurrency}
 * requests in flight sees them: when the server stalls, the workers wait instead of piling up
 * requests, so the percentiles do not include the queueing an open-loop sender would see.
 */
final class LoadRun {

    /**
     * What one run measured.
     *
     * @param target      the target's name
     * @param concurrency workers, each with one connection
     * @param seconds     the measured window
     * @param latencies   of the measured requests, in microseconds
     * @param statuses    answers of the whole run by status code, warm-up included
     * @param errors      requests that got no answer (connection refused, reset, timed out)
     * @param firstError  what the first of them was, or {@code null}
     * @param cpuCores    the generator's own CPU use during the run, in cores
     */
    record Result(String target, int concurrency, double seconds, Histogram latencies, Map<Integer, Long> statuses,
                  long errors, String firstError, double cpuCores) {

        long measured() {
            return latencies.getTotalCount();
        }

        double throughput() {
            return measured() / seconds;
        }

        /** Answers of the whole run with a 2xx status. */
        long successes() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        }

        /** Answers of the whole run with another status, and requests with no answer. */
        long failures() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue)
                    .sum() + errors;
        }

        double percentileMillis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private LoadRun() {
    }

    /**
     * Runs {@code concurrency} workers against {@code client}'s target.
     *
     * @param sequence   numbers the deliveries, so that ids never repeat for the target across runs
     * @param threadKind {@code virtual} (a virtual thread per worker) or {@code platform}
     */
    static Result run(String target, WebhookClient client, PushDeliveries pushes, long runBits, AtomicLong sequence,
                      int concurrency, String threadKind, Duration warmup, Duration duration) {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        long cpuBefore = processCpuNanos();
        List<Worker> workers = new ArrayList<>(concurrency);
        try (ExecutorService threads = switch (threadKind) {
            case "virtual" -> Executors.newVirtualThreadPerTaskExecutor();
            case "platform" -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
            default -> throw new IllegalArgumentException("--threads is virtual or platform, was " + threadKind);
        }) {
            for (int i = 0; i < concurrency; i++) {
                Worker worker = new Worker(client, pushes, runBits, sequence, measureFrom, measureTo);
                workers.add(worker);
                threads.execute(worker);
            }
        }
        double cpuCores = (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
        Histogram latencies = new Histogram(60_000_000L, 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        long errors = 0;
        String firstError = null;
        for (Worker worker : workers) {
            latencies.add(worker.latencies);
            for (int status = 0; status < worker.statuses.length; status++) {
                if (worker.statuses[status] > 0) {
                    statuses.merge(status, worker.statuses[status], Long::sum);
                }
            }
            errors += worker.errors;
            if (firstError == null) {
                firstError = worker.firstError;
            }
        }
        return new Result(target, concurrency, duration.toNanos() / 1e9, latencies, statuses, errors, firstError,
                cpuCores);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static final class Worker implements Runnable {
        private final WebhookClient client;
        private final PushDeliveries pushes;
        private final long runBits;
        private final AtomicLong sequence;
        private final long measureFrom;
        private final long measureTo;
        final Histogram latencies = new Histogram(60_000_000L, 3);
        final long[] statuses = new long[600];
        long errors;
        String firstError;

        Worker(WebhookClient client, PushDeliveries pushes, long runBits, AtomicLong sequence, long measureFrom,
               long measureTo) {
            this.client = client;
            this.pushes = pushes;
            this.runBits = runBits;
            this.sequence = sequence;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
        }

        @Override
        public void run() {
            try (WebhookClient.Connection connection = client.connect()) {
                while (System.nanoTime() < measureTo) {
                    long n = sequence.getAndIncrement();
                    PushDeliveries.Push push = pushes.push(n);
                    String deliveryId = PushDeliveries.deliveryId(runBits, n);
                    long sent = System.nanoTime();
                    try {
                        int status = connection.post(deliveryId, push);
                        long answered = System.nanoTime();
                        statuses[status < 0 || status >= statuses.length ? 0 : status]++;
                        if (sent >= measureFrom && answered <= measureTo) {
                            latencies.recordValue(Math.max(1, (answered - sent) / 1_000));
                        }
                    } catch (IOException | RuntimeException e) {
                        errors++;
                        if (firstError == null) {
                            firstError = e.toString();
                        }
                        // A refused connection must not turn the worker into a busy loop.
                        LockSupport.parkNanos(10_000_000L);
                    }
                }
            }
        }
    }
}
