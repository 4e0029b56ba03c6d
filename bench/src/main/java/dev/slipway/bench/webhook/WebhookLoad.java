package dev.slipway.bench.webhook;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingestion benchmark's load generator: posts the same signed GitHub push deliveries to each
 * target in turn, at each concurrency, and prints throughput and latency side by side.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.slipway.bench.webhook.WebhookLoad \
 *   --target baseline=http://127.0.0.1:9000/hooks/github --target slipway=http://127.0.0.1:8081/hooks/github \
 *   --baseline baseline --strict slipway --repositories bench/app-1,bench/app-2 --secret s3cret \
 *   --concurrency 16,64 --warmup 10s --duration 20s \
 *   --verify slipway=http://127.0.0.1:8081/actuator/prometheus
 * </pre>
 *
 * <p>The targets run one after the other, in the order given, each at every concurrency in turn,
 * each run with its own warm-up. Any answer other than 2xx, and any request without an answer, is reported; for a
 * {@code --strict} target it fails the run (exit status 1). {@code --verify} then waits until the
 * target's outbox is empty and checks that it published exactly as many events as the target
 * accepted deliveries.
 *
 * <p>{@code --prime name=duration} loads a target once, unmeasured, before its first run, so that
 * a JVM's JIT compiler has done its work before anything is timed. {@code --pause name=pid} stops
 * process {@code pid} (SIGSTOP) while every other target runs and resumes it (SIGCONT) before its
 * own: a server must not take the other target's CPU. A target's runs follow one another with no
 * pause between them, and its prime comes after its resume: a JVM resumed after a pause of tens of
 * seconds ran 15 to 20 % slower for the next half minute (its broker, timers and connections
 * catching up), which no target's measured run should see.
 */
public final class WebhookLoad {

    private WebhookLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("webhook-load: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(Options options, PrintStream out) throws InterruptedException {
        PushDeliveries pushes = new PushDeliveries(options.repositories, options.secret, options.commit,
                options.variants);
        long runBits = ThreadLocalRandom.current().nextLong();
        Map<String, AtomicLong> sequences = new LinkedHashMap<>();
        options.targets.keySet().forEach(name -> sequences.put(name, new AtomicLong()));
        log("%d repositories, %d bodies of %d bytes on average, client %s on %s threads, %d cores",
                options.repositories.size(), options.repositories.size() * options.variants, pushes.averageBodySize(),
                options.client, options.threads, Runtime.getRuntime().availableProcessors());

        List<LoadRun.Result> primes = new ArrayList<>();
        List<LoadRun.Result> results = new ArrayList<>();
        Pauses pauses = new Pauses(options.pause);
        try {
            int highest = options.concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
            for (String target : options.targets.keySet()) {
                pauses.runOnly(target);
                Duration prime = options.prime.get(target);
                if (prime != null) {
                    log("%s: priming at concurrency %d for %s, unmeasured", target, highest, prime);
                    primes.add(LoadRun.run(target, client(options, target), pushes, runBits, sequences.get(target),
                            highest, options.threads, Duration.ZERO, prime));
                }
                for (int concurrency : options.concurrencies) {
                    log("%s at concurrency %d: %s warm-up, then %s measured", target, concurrency,
                            options.warmup, options.duration);
                    LoadRun.Result result = LoadRun.run(target, client(options, target), pushes, runBits,
                            sequences.get(target), concurrency, options.threads, options.warmup, options.duration);
                    results.add(result);
                    log("%s at concurrency %d: %.0f deliveries/s, p50 %.2f ms, p99 %.2f ms, answers %s, "
                                    + "no answer %d%s", target, concurrency, result.throughput(),
                            result.percentileMillis(50), result.percentileMillis(99), result.statuses(),
                            result.errors(), result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
                }
            }
        } finally {
            pauses.resumeAll();
        }

        printTable(options, results, out);

        int status = 0;
        List<LoadRun.Result> all = new ArrayList<>(primes);
        all.addAll(results);
        for (LoadRun.Result result : all) {
            if (result.failures() > 0) {
                boolean strict = options.strict.contains(result.target());
                out.printf("%s: %s %s got %d answers that were not 2xx or no answer at all: %s, no answer %d%s%n",
                        strict ? "FAILED" : "note", result.target(),
                        primes.contains(result) ? "while priming" : "at concurrency " + result.concurrency(),
                        result.failures(), result.statuses(), result.errors(),
                        result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
                if (strict) {
                    status = 1;
                }
            }
        }
        for (var verify : options.verify.entrySet()) {
            long accepted = all.stream().filter(r -> r.target().equals(verify.getKey()))
                    .mapToLong(r -> r.statuses().getOrDefault(202, 0L)).sum();
            if (!PublishCheck.await(verify.getKey(), verify.getValue(), accepted, options.verifyTimeout, out)) {
                status = 1;
            }
        }
        return status;
    }

    private static WebhookClient client(Options options, String target) {
        return WebhookClient.of(options.client, options.targets.get(target));
    }

    /** The processes of {@code --pause}, each stopped while another target runs. */
    static final class Pauses {
        private final Map<String, Long> pids;
        private final Map<Long, Boolean> stopped = new LinkedHashMap<>();

        Pauses(Map<String, Long> pids) {
            this.pids = pids;
        }

        /** Resumes {@code target}'s process, if it has one, and stops every other one. */
        void runOnly(String target) {
            pids.forEach((name, pid) -> signal(pid, !name.equals(target)));
        }

        void resumeAll() {
            pids.values().forEach(pid -> signal(pid, false));
        }

        private void signal(long pid, boolean stop) {
            if (stopped.getOrDefault(pid, false) == stop) {
                return;
            }
            try {
                Process kill = new ProcessBuilder("kill", stop ? "-STOP" : "-CONT", Long.toString(pid))
                        .redirectErrorStream(true).start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill " + (stop ? "-STOP " : "-CONT ") + pid + " failed: "
                            + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot signal process " + pid, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signalling process " + pid, e);
            }
            stopped.put(pid, stop);
            log("process %d %s", pid, stop ? "paused (SIGSTOP) while another target runs" : "resumed (SIGCONT)");
        }
    }

    private static void printTable(Options options, List<LoadRun.Result> results, PrintStream out) {
        out.println();
        out.printf("| concurrency | target | deliveries/s | p50 ms | p90 ms | p99 ms | max ms | answers (whole run) "
                + "| generator CPU |%n");
        out.println("|---:|---|---:|---:|---:|---:|---:|---|---:|");
        // By concurrency, and in the targets' order within one: the runs were made target by target.
        results = results.stream().sorted(Comparator.comparingInt(LoadRun.Result::concurrency)).toList();
        for (LoadRun.Result r : results) {
            out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.1f | %.1f | %.1f | %.0f | %s | %.2f cores |%n",
                    r.concurrency(), r.target(), r.throughput(), r.percentileMillis(50), r.percentileMillis(90),
                    r.percentileMillis(99), r.latencies().getMaxValue() / 1000.0, answers(r), r.cpuCores());
        }
        if (options.baseline != null) {
            out.println();
            out.println("| concurrency | target | throughput vs " + options.baseline + " | p99 vs " + options.baseline
                    + " |");
            out.println("|---:|---|---:|---:|");
            // Each run is compared with the baseline's run at the same concurrency.
            Map<Integer, LoadRun.Result> latestBaseline = new LinkedHashMap<>();
            results.stream().filter(r -> r.target().equals(options.baseline))
                    .forEach(r -> latestBaseline.put(r.concurrency(), r));
            for (LoadRun.Result r : results) {
                if (!r.target().equals(options.baseline) && latestBaseline.containsKey(r.concurrency())) {
                    LoadRun.Result base = latestBaseline.get(r.concurrency());
                    out.printf(Locale.ROOT, "| %d | %s | %.2f × | %.2f × |%n", r.concurrency(), r.target(),
                            r.throughput() / base.throughput(), r.percentileMillis(99) / base.percentileMillis(99));
                }
            }
        }
        out.println();
    }

    private static String answers(LoadRun.Result r) {
        StringBuilder s = new StringBuilder();
        r.statuses().forEach((status, count) -> s.append(s.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%,d × %d", count, status)));
        if (r.errors() > 0) {
            s.append(s.isEmpty() ? "" : ", ").append(r.errors()).append(" × none");
        }
        return s.toString();
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "%s webhook-load: %s%n", Instant.now().toString().substring(11, 19),
                String.format(Locale.ROOT, format, args));
    }

    /** After the load: did the target publish an event for every delivery it accepted? */
    static final class PublishCheck {

        private PublishCheck() {
        }

        static boolean await(String target, URI metrics, long accepted, Duration timeout, PrintStream out)
                throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            Instant started = Instant.now();
            Map<String, Double> last = Map.of();
            String problem = null;
            while (System.nanoTime() < deadline) {
                try {
                    String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
                    last = Map.of("pending", sum(text, "slipway_outbox_pending", null),
                            "published", sum(text, "slipway_outbox_published_total", null),
                            "accepted", sum(text, "slipway_ingestion_deliveries_total", "outcome=\"accepted\""));
                    if (last.get("pending") == 0 && last.get("published") >= accepted) {
                        break;
                    }
                    problem = null;
                } catch (IOException e) {
                    problem = e.toString();
                }
                Thread.sleep(500);
            }
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            boolean ok = problem == null && !last.isEmpty() && last.get("pending") == 0
                    && last.get("published") == accepted && last.get("accepted") == accepted;
            out.printf(Locale.ROOT, "%s: %s answered 202 to %,d deliveries; its metrics say %,.0f accepted, "
                            + "%,.0f events published and %,.0f waiting, %d s after the load ended%s%n",
                    ok ? "published" : "FAILED", target, accepted, last.getOrDefault("accepted", -1.0),
                    last.getOrDefault("published", -1.0), last.getOrDefault("pending", -1.0), seconds,
                    problem == null ? "" : " (" + problem + ")");
            return ok;
        }

        /** The sum of every series of {@code name} whose labels contain {@code label}. */
        static double sum(String prometheus, String name, String label) {
            double total = 0;
            for (String line : prometheus.split("\n")) {
                if (!line.startsWith(name) || line.length() == name.length()) {
                    continue;
                }
                char next = line.charAt(name.length());
                if ((next != ' ' && next != '{') || (label != null && !line.contains(label))) {
                    continue;
                }
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            return total;
        }
    }

    /** The command line. */
    record Options(Map<String, URI> targets, String baseline, List<String> strict, Map<String, URI> verify,
                   List<String> repositories, String secret, String commit, List<Integer> concurrencies,
                   Duration warmup, Duration duration, String client, String threads, int variants,
                   Duration verifyTimeout, Map<String, Duration> prime, Map<String, Long> pause) {

        static Options parse(String[] args) {
            Map<String, URI> targets = new LinkedHashMap<>();
            Map<String, URI> verify = new LinkedHashMap<>();
            List<String> strict = new ArrayList<>();
            String baseline = null;
            List<String> repositories = List.of("bench/app-1", "bench/app-2", "bench/app-3", "bench/app-4");
            String secret = null;
            String commit = "0123456789abcdef0123456789abcdef01234567";
            List<Integer> concurrencies = List.of(16, 64);
            Duration warmup = Duration.ofSeconds(10);
            Duration duration = Duration.ofSeconds(20);
            Duration verifyTimeout = Duration.ofSeconds(120);
            String client = "raw";
            int variants = 16;
            String threads = "virtual";
            Map<String, Duration> prime = new LinkedHashMap<>();
            Map<String, Long> pause = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--target" -> put(targets, value);
                    case "--verify" -> put(verify, value);
                    case "--strict" -> strict.add(value);
                    case "--baseline" -> baseline = value;
                    case "--repositories" -> repositories = List.of(value.split(","));
                    case "--secret" -> secret = value;
                    case "--commit" -> commit = value;
                    case "--concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(String::trim)
                            .map(Integer::parseInt).toList();
                    case "--warmup" -> warmup = duration(value);
                    case "--duration" -> duration = duration(value);
                    case "--verify-timeout" -> verifyTimeout = duration(value);
                    case "--client" -> client = value;
                    case "--variants" -> variants = Integer.parseInt(value);
                    case "--secret-file" -> secret = read(value);
                    case "--threads" -> threads = value;
                    case "--prime" -> prime.put(name(value), duration(value.substring(value.indexOf('=') + 1)));
                    case "--pause" -> pause.put(name(value), Long.parseLong(value.substring(value.indexOf('=') + 1)));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("name at least one --target name=url");
            }
            if (secret == null) {
                throw new IllegalArgumentException("--secret or --secret-file is required");
            }
            if (!commit.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("--commit must be a 40-digit SHA, was " + commit);
            }
            if (baseline != null && !targets.containsKey(baseline)) {
                throw new IllegalArgumentException("--baseline " + baseline + " is not a --target");
            }
            return new Options(targets, baseline, strict, verify, repositories, secret, commit, concurrencies, warmup,
                    duration, client, threads, variants, verifyTimeout, prime, pause);
        }

        private static String name(String value) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=value, was " + value);
            }
            return value.substring(0, equals);
        }

        private static void put(Map<String, URI> map, String value) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected name=url, was " + value);
            }
            map.put(value.substring(0, equals), URI.create(value.substring(equals + 1)));
        }

        private static Duration duration(String value) {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }
}
