package dev.slipway.bench.execution;

import dev.slipway.bench.support.BenchOptions;
import dev.slipway.bench.support.LocalGit;
import dev.slipway.bench.support.SignedPush;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A build's wall time through Slipway against the docker CLI doing the same work, round by round in
 * one run. Both build the repository's two-stage Dockerfile (a builder stage that writes 8 MB,
 * uncached each round because {@code round.txt} changes) and push the runtime image to the same
 * local registry with htpasswd.
 *
 * <ul>
 *   <li><b>Slipway:</b> a new commit, its signed push webhook posted to ingestion, and the clock
 *       stops at the build's {@code finishedAt} (the executor's clock, on this machine) in history:
 *       filtering's decision, the executor's claim, clone, workspace, image build, push and
 *       clean-up are all inside.</li>
 *   <li><b>CLI:</b> {@code docker build} then {@code docker push} of the same Dockerfile with
 *       another {@code round.txt}, as a shell script would run them ({@code DOCKER_BUILDKIT=0}: the
 *       classic builder, the only one the docker CLI has without its buildx plugin, which these
 *       machines cannot install).</li>
 *   <li><b>BuildKit by hand:</b> the same build with the engine's BuildKit, which Slipway uses by
 *       default, as a shell script can ask for it without buildx ({@code tar} of the working tree
 *       piped to {@code curl --unix-socket} at the engine's {@code POST /build?version=2}), then
 *       {@code docker push}: the same builder as Slipway's, without Slipway.</li>
 * </ul>
 *
 * <p>The order rotates each round. Slipway's overhead is its time less its image build and push
 * steps, and is split into what comes before the image build (webhook to claim, clone) and after
 * the push (clean-up, the end's events).
 *
 * <p>Usage: {@code BuildOverhead --ingestion URL --history URL --repo owner/name --secret S
 * --git-dir DIR --registry host:port --docker-config DIR [--engine-socket /var/run/docker.sock]
 * [--rounds 6]}.
 */
public final class BuildOverhead {

    private record Round(int number, Duration slipway, Duration cli, Duration buildKit, Duration build,
                         Duration push, Duration beforeBuild, Duration afterPush, Duration cloneStep) {
    }

    /** What a round runs, in the order the round runs them. */
    private enum Side { SLIPWAY, CLI, BUILDKIT }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalGit git;
    private final SignedPush pushes;
    private final HistoryBuilds history;
    private final String registry;
    private final Path dockerConfig;
    private final String engineSocket;

    private BuildOverhead(BenchOptions options) {
        this.git = new LocalGit(Path.of(options.required("git-dir")));
        this.pushes = new SignedPush(http, options.required("ingestion"), options.required("repo"), git.cloneUrl(),
                options.required("secret"));
        this.history = new HistoryBuilds(http, options.required("history"), options.required("repo"));
        this.registry = options.required("registry");
        this.dockerConfig = Path.of(options.required("docker-config"));
        this.engineSocket = options.get("engine-socket", "/var/run/docker.sock");
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        BuildOverhead bench = new BuildOverhead(options);
        int rounds = options.integer("rounds", 6);
        // A round that is not counted: the first clone, the first network, the JIT of the whole path.
        bench.round(0);
        List<Round> measured = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            measured.add(bench.round(i));
        }
        report(measured);
    }

    private Round round(int number) throws IOException, InterruptedException {
        // Each side goes first, second and third in turn: rounds 0, 3, 6... start with Slipway.
        List<Side> order = new ArrayList<>(List.of(Side.values()));
        Collections.rotate(order, -(number % order.size()));
        Duration cli = null;
        Duration buildKit = null;
        HistoryBuilds.Build build = null;
        Instant posted = null;
        for (Side side : order) {
            switch (side) {
                case SLIPWAY -> {
                    posted = Instant.now();
                    build = slipway(number);
                }
                case CLI -> cli = cli(number);
                case BUILDKIT -> buildKit = buildKit(number);
            }
        }
        if (!build.status().equals("succeeded")) {
            throw new IllegalStateException("round " + number + ": Slipway's build " + build.id() + " ended "
                    + build.status());
        }
        HistoryBuilds.Step image = build.step("build app").orElseThrow();
        HistoryBuilds.Step push = build.step("push").orElseThrow();
        HistoryBuilds.Step clone = build.step("clone").orElseThrow();
        Duration total = Duration.between(posted, build.finishedAt());
        Round round = new Round(number, total, cli, buildKit, image.took(), push.took(),
                Duration.between(posted, image.startedAt()), Duration.between(push.finishedAt(), build.finishedAt()),
                clone.took());
        System.out.printf(Locale.ROOT, "round %d (%s): Slipway %5d ms (build %d, push %d, before build %d, "
                        + "clone %d, after push %d), CLI %5d ms, BuildKit by hand %5d ms%n", number,
                order.stream().map(side -> side.name().toLowerCase(Locale.ROOT)).toList(),
                round.slipway().toMillis(), round.build().toMillis(), round.push().toMillis(),
                round.beforeBuild().toMillis(), round.cloneStep().toMillis(), round.afterPush().toMillis(),
                round.cli().toMillis(), round.buildKit().toMillis());
        return round;
    }

    /** Commits a new round.txt and posts its push; returns the finished build. */
    private HistoryBuilds.Build slipway(int number) throws IOException, InterruptedException {
        String before = git.head();
        Files.writeString(git.directory().resolve("round.txt"), "slipway " + number + " " + UUID.randomUUID() + "\n");
        git.run("add", "round.txt");
        git.run("commit", "-q", "-m", "Round " + number);
        String after = git.head();
        pushes.post(SignedPush.newDeliveryId(), before, after, "Round " + number, List.of("round.txt"));
        return history.awaitFinished(after, Duration.ofMinutes(5));
    }

    /** The same build and push with the docker CLI, from the working tree with a round.txt of its own. */
    private Duration cli(int number) throws IOException, InterruptedException {
        Files.writeString(git.directory().resolve("round.txt"), "cli " + number + " " + UUID.randomUUID() + "\n");
        String image = registry + "/team/cli:round-" + number + "-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        docker("build", "-q", "-t", image, git.directory().toString());
        docker("push", "-q", image);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        git.run("checkout", "--", "round.txt");
        return took;
    }

    /**
     * The same build with the engine's BuildKit, asked for as a shell script can without buildx, and
     * the same push with the docker CLI.
     */
    private Duration buildKit(int number) throws IOException, InterruptedException {
        Files.writeString(git.directory().resolve("round.txt"), "buildkit " + number + " " + UUID.randomUUID() + "\n");
        String image = registry + "/team/buildkit:round-" + number + "-" + UUID.randomUUID().toString().substring(0, 8);
        String build = "tar -C \"$1\" --exclude=./.git -cf - . | curl -sS --fail --unix-socket \"$2\" -X POST "
                + "-H 'Content-Type: application/x-tar' --data-binary @- \"http://engine/build?version=2&t=$3\"";
        long started = System.nanoTime();
        String out = run(new ProcessBuilder("sh", "-c", build, "buildkit", git.directory().toString(), engineSocket,
                image));
        if (out.contains("\"errorDetail\"") || !out.contains("moby.image.id")) {
            throw new IllegalStateException("BuildKit by hand did not build " + image + ": " + out);
        }
        docker("push", "-q", image);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        git.run("checkout", "--", "round.txt");
        return took;
    }

    private void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("DOCKER_BUILDKIT", "0");
        environment.put("DOCKER_CONFIG", dockerConfig.toString());
        run(builder);
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + out);
        }
        return out;
    }

    private static void report(List<Round> rounds) {
        long slipway = median(rounds.stream().map(Round::slipway).toList());
        long cli = median(rounds.stream().map(Round::cli).toList());
        long buildKit = median(rounds.stream().map(Round::buildKit).toList());
        long build = median(rounds.stream().map(Round::build).toList());
        long push = median(rounds.stream().map(Round::push).toList());
        long overhead = median(rounds.stream().map(r -> r.slipway().minus(r.build()).minus(r.push())).toList());
        long before = median(rounds.stream().map(Round::beforeBuild).toList());
        long clone = median(rounds.stream().map(Round::cloneStep).toList());
        long after = median(rounds.stream().map(Round::afterPush).toList());
        System.out.printf(Locale.ROOT, "%n%d rounds, medians:%n", rounds.size());
        System.out.printf(Locale.ROOT, "| what | ms |%n|---|---:|%n");
        System.out.printf(Locale.ROOT, "| docker CLI: build + push | %d |%n", cli);
        System.out.printf(Locale.ROOT, "| BuildKit by hand: tar | curl POST /build?version=2, docker push | %d |%n",
                buildKit);
        System.out.printf(Locale.ROOT, "| Slipway: webhook POST to BuildFinished | %d |%n", slipway);
        System.out.printf(Locale.ROOT, "| Slipway's image build step | %d |%n", build);
        System.out.printf(Locale.ROOT, "| Slipway's push step | %d |%n", push);
        System.out.printf(Locale.ROOT, "| Slipway's overhead: the rest | %d |%n", overhead);
        System.out.printf(Locale.ROOT, "| of which POST to image build start (decision, claim, clone, workspace) | %d |%n",
                before);
        System.out.printf(Locale.ROOT, "| of which the clone step | %d |%n", clone);
        System.out.printf(Locale.ROOT, "| of which push end to BuildFinished (clean-up) | %d |%n", after);
        System.out.printf(Locale.ROOT, "%nwall-time ratio Slipway / CLI (medians): %.2f%n", (double) slipway / cli);
        System.out.printf(Locale.ROOT, "wall-time ratio Slipway / BuildKit by hand (medians): %.2f%n",
                (double) slipway / buildKit);
    }

    private static long median(List<Duration> values) {
        long[] sorted = values.stream().mapToLong(Duration::toMillis).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
