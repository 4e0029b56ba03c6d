package dev.slipway.bench.execution;

import dev.slipway.bench.support.BenchOptions;
import dev.slipway.bench.support.LocalGit;
import dev.slipway.bench.support.SignedPush;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A step that prints a million numbered lines, through Slipway and with the docker CLI, round by
 * round in one run; and the same step with its output sent to {@code /dev/null}, so that the cost
 * of the lines themselves shows apart from the cost of making them.
 *
 * <ul>
 *   <li><b>Slipway:</b> a commit whose pipeline has one step on {@code busybox:latest}, its signed
 *       push webhook, and the step's wall time from history ({@code startedAt} to {@code finishedAt},
 *       the executor's clock: container create and start, the output read, batched, masked and
 *       stored in the outbox, the container's exit). The step's log is then read back from history
 *       ({@code GET /api/builds/{id}/logs}, {@code Accept: text/plain}) and checked line by line:
 *       every numbered line present, exactly once, in order, and unchanged.</li>
 *   <li><b>CLI:</b> {@code docker run --rm busybox sh -c '<the same command>'}, its output read to
 *       the end and its lines counted, as {@code | wc -l} would. The engine also writes each line
 *       to its log of the container, with its default driver.</li>
 *   <li><b>CLI without the engine's log:</b> the same with {@code --log-driver none}, as Slipway
 *       runs its steps: the same work on the engine's side as Slipway's.</li>
 * </ul>
 *
 * <p>The order of Slipway and the CLI alternates each round. The first rounds warm the platform up
 * and are not counted ({@code --warmup}, 1 by default): a freshly started platform's JIT compiles
 * for minutes, and while it does, its compiler threads take a core from the step.
 *
 * <p>Usage: {@code LogVolume --ingestion URL --history URL --repo owner/name --secret S --git-dir DIR
 * [--rounds 5] [--warmup 1] [--lines 1000000]}.
 */
public final class LogVolume {

    private static final String STEP = "lines";
    private static final String TEXT = ": the quick brown fox jumps over the lazy dog";

    /** One round: the four wall times, and what the log check found. */
    private record Round(int number, Duration slipwayLines, Duration cliLines, Duration cliLinesNoLog,
                         Duration slipwayQuiet, Duration cliQuiet, Duration buildLines, Duration logComplete,
                         LogCheck check) {
    }

    /** What the stored log held, against the lines the step printed. */
    record LogCheck(long expected, long numbered, long missing, long duplicated, long outOfOrder, long altered,
                    List<String> others) {
        boolean whole() {
            return missing == 0 && duplicated == 0 && outOfOrder == 0 && altered == 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalGit git;
    private final SignedPush pushes;
    private final HistoryBuilds history;
    private final String historyUrl;
    private final int lines;
    /** How long after its build's end the last read of a log started. */
    private Duration lastPoll = Duration.ZERO;

    private LogVolume(BenchOptions options) {
        this.git = new LocalGit(Path.of(options.required("git-dir")));
        this.pushes = new SignedPush(http, options.required("ingestion"), options.required("repo"), git.cloneUrl(),
                options.required("secret"));
        this.historyUrl = options.required("history");
        this.history = new HistoryBuilds(http, historyUrl, options.required("repo"));
        this.lines = options.integer("lines", 1_000_000);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        LogVolume bench = new LogVolume(options);
        int rounds = options.integer("rounds", 5);
        int warmup = options.integer("warmup", 1);
        System.out.printf(Locale.ROOT, "step: %s%n", bench.command(true));
        // Rounds that are not counted: the first clone, the JIT of the whole path, the engine's caches.
        for (int i = 1 - warmup; i <= 0; i++) {
            bench.round(i, i % 2 == 0);
        }
        List<Round> measured = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            measured.add(bench.round(i, i % 2 == 0));
        }
        report(measured, bench.lines);
    }

    /** The step's command: {@code lines} numbered lines on stdout, or the same work with its output thrown away. */
    String command(boolean printing) {
        return "awk 'BEGIN { for (i = 1; i <= " + lines + "; i++) printf \"line %d of " + lines + TEXT + "\\n\", i }'"
                + (printing ? "" : " >/dev/null");
    }

    private Round round(int number, boolean slipwayFirst) throws IOException, InterruptedException {
        // The log is checked right after its build, before the CLI runs: so the lag is measured from the build's end,
        // and history's and the relay's work on the log does not overlap the CLI's run.
        HistoryBuilds.Build printing;
        Duration cliPrinting;
        Duration cliPrintingNoLog;
        LogCheck check;
        if (slipwayFirst) {
            printing = slipway(number, true);
            check = awaitLog(printing);
            cliPrinting = cli(true, true);
            cliPrintingNoLog = cli(true, false);
        } else {
            cliPrintingNoLog = cli(true, false);
            cliPrinting = cli(true, true);
            printing = slipway(number, true);
            check = awaitLog(printing);
        }
        Duration logComplete = lastPoll.isNegative() ? Duration.ZERO : lastPoll;
        HistoryBuilds.Build quiet;
        Duration cliQuiet;
        if (slipwayFirst) {
            quiet = slipway(number, false);
            cliQuiet = cli(false, true);
        } else {
            cliQuiet = cli(false, true);
            quiet = slipway(number, false);
        }
        Round round = new Round(number, printing.step(STEP).orElseThrow().took(), cliPrinting, cliPrintingNoLog,
                quiet.step(STEP).orElseThrow().took(), cliQuiet,
                Duration.between(printing.startedAt(), printing.finishedAt()), logComplete, check);
        System.out.printf(Locale.ROOT, "%s %d (%s first): printing: Slipway step %6d ms, CLI %6d ms, ratio %.2f, "
                        + "CLI without the engine's log %6d ms, ratio %.2f; "
                        + "quiet: Slipway step %5d ms, CLI %5d ms; log in history %d ms after BuildFinished; "
                        + "lines numbered %d, missing %d, duplicated %d, out of order %d, altered %d%n",
                number <= 0 ? "warm-up round" : "round", number, slipwayFirst ? "Slipway" : "CLI",
                round.slipwayLines().toMillis(), round.cliLines().toMillis(),
                (double) round.slipwayLines().toMillis() / round.cliLines().toMillis(),
                round.cliLinesNoLog().toMillis(),
                (double) round.slipwayLines().toMillis() / round.cliLinesNoLog().toMillis(), round.slipwayQuiet().toMillis(),
                round.cliQuiet().toMillis(), round.logComplete().toMillis(), check.numbered(), check.missing(),
                check.duplicated(), check.outOfOrder(), check.altered());
        if (!check.whole()) {
            System.out.printf(Locale.ROOT, "  the log's other lines (the first 10): %s%n", check.others());
        }
        return round;
    }

    /** Commits a pipeline whose step runs {@link #command}, posts its push, and returns the finished build. */
    private HistoryBuilds.Build slipway(int number, boolean printing) throws IOException, InterruptedException {
        String before = git.head();
        Files.writeString(git.directory().resolve(".slipway.yml"), """
                version: 1
                on:
                  push: { branches: [main] }
                steps:
                  - name: %s
                    image: busybox:latest
                    run: |-
                      %s
                """.formatted(STEP, command(printing)));
        String message = "Round " + number + (printing ? ", printing" : ", quiet");
        git.run("commit", "-q", "--allow-empty", "-a", "-m", message);
        String after = git.head();
        pushes.post(SignedPush.newDeliveryId(), before, after, message, List.of(".slipway.yml"));
        HistoryBuilds.Build build = history.awaitFinished(after, Duration.ofMinutes(10));
        if (!build.status().equals("succeeded")) {
            throw new IllegalStateException("round " + number + ": Slipway's build " + build.id() + " ended "
                    + build.status() + ": " + build.reason());
        }
        return build;
    }

    /**
     * The same command with the docker CLI, its output read to the end; fails unless every line came.
     *
     * @param engineLog whether the engine keeps its log of the container with its default driver, or none
     */
    private Duration cli(boolean printing, boolean engineLog) throws IOException, InterruptedException {
        List<String> run = new ArrayList<>(List.of("docker", "run", "--rm"));
        if (!engineLog) {
            run.addAll(List.of("--log-driver", "none"));
        }
        run.addAll(List.of("busybox:latest", "sh", "-c", command(printing)));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(run).redirectErrorStream(true).start();
        long count = 0;
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = out.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("docker run failed with exit code " + process.exitValue());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long expected = printing ? lines : 0;
        if (count != expected) {
            throw new IllegalStateException("docker run printed " + count + " lines, not " + expected);
        }
        return took;
    }

    /**
     * Reads the build's log from history until every line is there, or until it has not grown for
     * 30 s; sets {@link #lastPoll} to how long after the build's end the last read started.
     */
    private LogCheck awaitLog(HistoryBuilds.Build build) throws IOException, InterruptedException {
        LogCheck check;
        long settledSince = System.nanoTime();
        long lastNumbered = -1;
        while (true) {
            Instant polled = Instant.now();
            check = check(build.id());
            lastPoll = Duration.between(build.finishedAt(), polled);
            if (check.whole() && check.numbered() == lines) {
                return check;
            }
            if (check.numbered() != lastNumbered) {
                lastNumbered = check.numbered();
                settledSince = System.nanoTime();
            } else if (System.nanoTime() - settledSince > TimeUnit.SECONDS.toNanos(30)) {
                return check;
            }
            Thread.sleep(1000);
        }
    }

    /** Reads the whole stored log once and checks its numbered lines. */
    private LogCheck check(String buildId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(historyUrl + "/api/builds/" + buildId + "/logs"))
                .header("Accept", "text/plain").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("history answered " + response.statusCode() + " for the log of " + buildId);
        }
        LineCheck lineCheck = new LineCheck(lines);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8),
                1 << 16)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineCheck.accept(line);
            }
        }
        return lineCheck.result();
    }

    /**
     * Checks a log's lines against {@code line <n> of <N>: ...} for n from 1 to N: lines of other
     * text (the clone step, the command's echo) are passed over; a line that starts like a numbered
     * one but is not exactly one counts as altered.
     */
    static final class LineCheck {
        private final int expected;
        private final String suffix;
        private final byte[] seen;
        private long numbered;
        private long duplicated;
        private long outOfOrder;
        private long altered;
        private long highest;
        private final List<String> others = new ArrayList<>();

        LineCheck(int expected) {
            this.expected = expected;
            this.suffix = " of " + expected + TEXT;
            this.seen = new byte[expected + 1];
        }

        void accept(String line) {
            if (!line.startsWith("line ")) {
                if (others.size() < 10) {
                    others.add(line);
                }
                return;
            }
            int end = line.indexOf(' ', 5);
            long n = -1;
            if (end > 5 && end - 5 <= 9 && line.regionMatches(end, suffix, 0, suffix.length())
                    && line.length() == end + suffix.length()) {
                n = parse(line, 5, end);
            }
            if (n < 1 || n > expected) {
                altered++;
                return;
            }
            numbered++;
            if (seen[(int) n] != 0) {
                duplicated++;
                return;
            }
            seen[(int) n] = 1;
            if (n < highest) {
                outOfOrder++;
            }
            highest = Math.max(highest, n);
        }

        private static long parse(String line, int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        LogCheck result() {
            long missing = 0;
            for (int n = 1; n <= expected; n++) {
                if (seen[n] == 0) {
                    missing++;
                }
            }
            return new LogCheck(expected, numbered, missing, duplicated, outOfOrder, altered, List.copyOf(others));
        }
    }

    private static void report(List<Round> rounds, int lines) {
        long slipway = median(rounds.stream().map(Round::slipwayLines).toList());
        long cli = median(rounds.stream().map(Round::cliLines).toList());
        long cliNoLog = median(rounds.stream().map(Round::cliLinesNoLog).toList());
        long slipwayQuiet = median(rounds.stream().map(Round::slipwayQuiet).toList());
        long cliQuiet = median(rounds.stream().map(Round::cliQuiet).toList());
        long build = median(rounds.stream().map(Round::buildLines).toList());
        long logComplete = median(rounds.stream().map(Round::logComplete).toList());
        long missing = rounds.stream().mapToLong(r -> r.check().missing()).sum();
        long duplicated = rounds.stream().mapToLong(r -> r.check().duplicated()).sum();
        long outOfOrder = rounds.stream().mapToLong(r -> r.check().outOfOrder()).sum();
        long altered = rounds.stream().mapToLong(r -> r.check().altered()).sum();
        System.out.printf(Locale.ROOT, "%n%d rounds of %,d lines, medians:%n", rounds.size(), lines);
        System.out.printf(Locale.ROOT, "| what | ms |%n|---|---:|%n");
        System.out.printf(Locale.ROOT, "| docker CLI: `docker run --rm` printing, read to the end | %d |%n", cli);
        System.out.printf(Locale.ROOT, "| docker CLI with `--log-driver none`, as Slipway's steps: printing | %d |%n",
                cliNoLog);
        System.out.printf(Locale.ROOT, "| Slipway: the printing step, StepStarted to StepFinished | %d |%n", slipway);
        System.out.printf(Locale.ROOT, "| docker CLI: the same work, output to /dev/null | %d |%n", cliQuiet);
        System.out.printf(Locale.ROOT, "| Slipway: the same work, output to /dev/null | %d |%n", slipwayQuiet);
        System.out.printf(Locale.ROOT, "| the lines' own cost: CLI / Slipway | %d / %d |%n", cli - cliQuiet,
                slipway - slipwayQuiet);
        System.out.printf(Locale.ROOT, "| Slipway: the printing build, BuildStarted to BuildFinished | %d |%n", build);
        System.out.printf(Locale.ROOT, "| the whole log in history, after BuildFinished (read every ~1 s) | %d |%n",
                logComplete);
        System.out.printf(Locale.ROOT, "%nwall-time ratio Slipway step / CLI (medians), printing: %.2f; quiet: %.2f%n",
                (double) slipway / cli, (double) slipwayQuiet / cliQuiet);
        System.out.printf(Locale.ROOT, "wall-time ratio Slipway step / CLI without the engine's log (medians), "
                + "printing: %.2f%n", (double) slipway / cliNoLog);
        System.out.printf(Locale.ROOT, "lines in history over %d rounds: %,d expected, %,d missing, %,d duplicated, "
                + "%,d out of order, %,d altered%n", rounds.size(), (long) lines * rounds.size(), missing, duplicated,
                outOfOrder, altered);
    }

    private static long median(List<Duration> values) {
        long[] sorted = values.stream().mapToLong(Duration::toMillis).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
