package dev.slipway.bench.skip;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How long Slipway takes to say "skipped" about a {@code [skip ci]} push, and to request a build
 * for a push that builds, measured from outside the platform, the way a user would see it.
 *
 * <p>Pushes go one at a time. Before each, a new commit is made in the local repository that the
 * platform's repositories file declares, so that filtering never finds the commit in its cache or
 * its mirror and reads the pipeline file the way it does for a real push: fetch, then read. The
 * clock starts just before the signed {@code push} webhook is posted to ingestion and stops when
 * {@code GET /api/decisions} first lists the decision for that delivery (history polled every
 * millisecond). Each decision's {@code decidedAt}, from filtering's clock (the same machine's),
 * also gives the time to the decision itself, before history has read it.
 *
 * <p>Usage: {@code SkipLatency --ingestion URL --history URL --repo owner/name --secret S
 * --git-dir DIR [--pushes 1000] [--builds 50] [--warmup 100]}. Every {@code pushes/builds}-th
 * measured push builds; the others skip. Warm-up pushes (skips) are not counted.
 */
public final class SkipLatency {

    private static final Pattern DECIDED_AT = Pattern.compile("\"decidedAt\":\"([^\"]+)\"");
    private static final Pattern VERDICT = Pattern.compile("\"verdict\":\"([a-z]+)\"");
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI hook;
    private final URI decisions;
    private final String repository;
    private final String secret;
    private final Path gitDir;
    private final String cloneUrl;

    private SkipLatency(Map<String, String> options) {
        this.repository = required(options, "repo");
        this.hook = URI.create(required(options, "ingestion") + "/hooks/github");
        this.decisions = URI.create(required(options, "history") + "/api/decisions?limit=5&repo=" + repository);
        this.secret = required(options, "secret");
        this.gitDir = Path.of(required(options, "git-dir")).toAbsolutePath();
        this.cloneUrl = gitDir.toUri().toString().replaceFirst("/$", "");
    }

    /** One push measured: from POST to decision listed, and to {@code decidedAt}. */
    private record Sample(boolean builds, String verdict, long listedMicros, long decidedMicros, long acceptedMicros) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int pushes = Integer.parseInt(options.getOrDefault("pushes", "1000"));
        int builds = Integer.parseInt(options.getOrDefault("builds", "50"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "100"));
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
        String before = git("rev-parse", "HEAD");
        // The commit changes README.md, as the delivery below says it does.
        Files.writeString(gitDir.resolve("README.md"), message + " " + UUID.randomUUID() + "\n");
        git("add", "README.md");
        git("commit", "-q", "-m", message);
        String after = git("rev-parse", "HEAD");
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = body(before, after, message).getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpRequest poll = HttpRequest.newBuilder(decisions).header("Accept", "application/json").GET().build();
        Instant wallStart = Instant.now();
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(post, HttpResponse.BodyHandlers.ofString());
        long acceptedAt = System.nanoTime();
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("ingestion answered " + accepted.statusCode() + ": " + accepted.body());
        }
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
            Thread.sleep(1);
        }
    }

    private String body(String before, String after, String message) {
        String owner = repository.substring(0, repository.indexOf('/'));
        String commit = """
                {"id":"%s","tree_id":"%s","distinct":true,"message":%s,"timestamp":"%s",\
                "url":"https://github.com/%s/commit/%s","author":{"name":"Bench","email":"bench@slipway.dev"},\
                "committer":{"name":"Bench","email":"bench@slipway.dev"},"added":[],"removed":[],"modified":["README.md"]}"""
                .formatted(after, after, quote(message), Instant.now(), repository, after);
        return """
                {"ref":"refs/heads/main","before":"%s","after":"%s","created":false,"deleted":false,"forced":false,\
                "base_ref":null,"compare":"https://github.com/%s/compare/x...y","commits":[%s],"head_commit":%s,\
                "repository":{"id":4242,"name":"%s","full_name":"%s","private":false,"owner":{"login":"%s","id":1},\
                "html_url":"https://github.com/%s","clone_url":"%s","default_branch":"main"},\
                "pusher":{"name":"%s","email":"bench@slipway.dev"},"sender":{"login":"%s","id":1,"type":"User"}}"""
                .formatted(before, after, repository, commit, commit, repository.substring(owner.length() + 1),
                        repository, owner, repository, cloneUrl, owner, owner);
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", gitDir.toString(), "-c", "commit.gpgsign=false",
                "-c", "user.name=Bench", "-c", "user.email=bench@slipway.dev"));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
