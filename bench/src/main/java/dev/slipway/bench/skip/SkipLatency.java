package dev.slipway.bench.skip;

import dev.slipway.bench.support.BenchOptions;
import dev.slipway.bench.support.LocalGit;
import dev.slipway.bench.support.SignedPush;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Slipway takes to say "skipped" about a {@code [skip ci]} push, and to request a build
 * for a push that builds, measured from outside the platform, the way a user would see it.
 *
 * <p>Pushes go one at a time. Before each, a new commit that changes {@code README.md} is made in the
 * local repository that the platform's repositories file declares, and the delivery says so, as
 * GitHub would ({@code forced: false}, the commit with its changed path). Filtering then decides
 * with the pipeline it read at the push's {@code before} commit, without a fetch, as it does for
 * any real fast-forward that leaves the pipeline files alone. The clock starts just before the
 * signed {@code push} webhook is posted to ingestion and stops when {@code GET /api/decisions}
 * first lists the decision for that delivery (history polled every {@code --poll-ms}
 * milliseconds, 5 by default: each poll is a request to history and a query, and polling every
 * millisecond took a good part of the two cores from the platform being measured). Each
 * decision's {@code decidedAt}, from filtering's clock (the same machine's),
 * also gives the time to the decision itself, before history has read it.
 *
 * <p>Usage: {@code SkipLatency --ingestion URL --history URL --repo owner/name --secret S
 * --git-dir DIR [--pushes 1000] [--builds 50] [--warmup 100] [--poll-ms 5]}. Every {@code pushes/builds}-th
 * measured push builds; the others skip. Warm-up pushes (skips) are not counted.
 */
public final class SkipLatency {

    private static final Pattern DECIDED_AT = Pattern.compile("\"decidedAt\":\"([^\"]+)\"");
    private static final Pattern VERDICT = Pattern.compile("\"verdict\":\"([a-z]+)\"");
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI decisions;
    private final LocalGit git;
    private final SignedPush pushes;
    private final long pollMillis;

    private SkipLatency(BenchOptions options) {
        String repository = options.required("repo");
        this.decisions = URI.create(options.required("history") + "/api/decisions?limit=5&repo=" + repository);
        this.git = new LocalGit(Path.of(options.required("git-dir")));
        this.pushes = new SignedPush(http, options.required("ingestion"), repository, git.cloneUrl(),
                options.required("secret"));
        this.pollMillis = options.integer("poll-ms", 5);
    }

    /** One push measured: from POST to decision listed, and to {@code decidedAt}. */
    private record Sample(boolean builds, String verdict, long listedMicros, long decidedMicros, long acceptedMicros) {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int pushes = options.integer("pushes", 1000);
        int builds = options.integer("builds", 50);
        int warmup = options.integer("warmup", 100);
        SkipLatency bench = new SkipLatency(options);

        for (int i = 0; i < warmup; i++) {
            bench.push("Warm up " + i + " [skip ci]", false);
        }
        int every = builds == 0 ? Integer.MAX_VALUE : Math.max(1, pushes / builds);
        List<Sample> samples = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 1; i <= pushes; i++) {
            boolean building = i % every == 0 && samples.stream().filter(Sample::builds).count() < builds;
            samples.add(building ? bench.push("Change " + i, true) : bench.push("Change " + i + " [skip ci]", false));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Sample> skipped = samples.stream().filter(s -> !s.builds()).toList();
        List<Sample> built = samples.stream().filter(Sample::builds).toList();
        requireVerdicts(skipped, "skip");
        requireVerdicts(built, "run");
        System.out.printf(Locale.ROOT, "%d pushes in %.1f s, sequential, each a new commit; %d warm-up pushes not counted%n",
                samples.size(), seconds, warmup);
        report("skip ([skip ci]), POST -> listed in GET /api/decisions", skipped, Sample::listedMicros);
        report("skip ([skip ci]), POST -> decidedAt (filtering's clock)", skipped, Sample::decidedMicros);
        report("skip ([skip ci]), POST -> 202 from ingestion", skipped, Sample::acceptedMicros);
        report("build, POST -> run decision listed in GET /api/decisions (BuildRequested read by history)", built,
                Sample::listedMicros);
        report("build, POST -> decidedAt (BuildRequested in filtering's outbox, same transaction)", built,
                Sample::decidedMicros);
    }

    private Sample push(String message, boolean builds) throws IOException, InterruptedException {
        String before = git.head();
        // The commit changes README.md, as the delivery says it does.
        Files.writeString(git.directory().resolve("README.md"), message + " " + UUID.randomUUID() + "\n");
        git.run("add", "README.md");
        git.run("commit", "-q", "-m", message);
        String after = git.head();
        String deliveryId = SignedPush.newDeliveryId();
        HttpRequest poll = HttpRequest.newBuilder(decisions).header("Accept", "application/json").GET().build();
        Instant wallStart = Instant.now();
        long start = System.nanoTime();
        pushes.post(deliveryId, before, after, message, List.of("README.md"));
        long acceptedAt = System.nanoTime();
        String needle = "\"deliveryId\":\"" + deliveryId + "\"";
        while (true) {
            String listed = http.send(poll, HttpResponse.BodyHandlers.ofString()).body();
            int at = listed.indexOf(needle);
            if (at >= 0) {
                long listedAt = System.nanoTime();
                // A decision lists verdict before deliveryId, and decidedAt after it.
                String verdict = match(VERDICT, listed.substring(listed.lastIndexOf("\"verdict\":", at)));
                Instant decidedAt = Instant.parse(match(DECIDED_AT, listed.substring(at)));
                return new Sample(builds, verdict, micros(listedAt - start),
                        Duration.between(wallStart, decidedAt).toNanos() / 1_000, micros(acceptedAt - start));
            }
            if (System.nanoTime() - start > GIVE_UP_AFTER.toNanos()) {
                throw new IllegalStateException("no decision for delivery " + deliveryId + " within " + GIVE_UP_AFTER);
            }
            Thread.sleep(pollMillis);
        }
    }

    private static void requireVerdicts(List<Sample> samples, String verdict) {
        for (Sample s : samples) {
            if (!s.verdict().equals(verdict)) {
                throw new IllegalStateException("a push expected to " + verdict + " was decided " + s.verdict());
            }
        }
    }

    private static void report(String what, List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        if (samples.isEmpty()) {
            return;
        }
        long[] sorted = samples.stream().mapToLong(value).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-95s n=%4d  p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what,
                sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

}
