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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many builds at once on one engine, each with a service and a step that both stay up for
 * {@code --hold} seconds, so that at the peak every build's containers are alive together, each
 * build on a network of its own.
 *
 * <p>The pipeline is committed first; then {@code --builds} commits are pushed one after another
 * as fast as ingestion answers. While they run, the engine is asked every second how many running
 * containers and how many networks carry Slipway's build label. Reported: the peak of both, each
 * build's start latency (webhook POST to its step's start, from history), and every build that did
 * not succeed, with its reason.
 *
 * <p>Usage: {@code BuildScale --ingestion URL --history URL --repo owner/name --secret S --git-dir DIR
 * --service-image IMAGE [--builds 200] [--hold 180]}; the service image must run until stopped.
 */
public final class BuildScale {

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int builds = options.integer("builds", 200);
        int hold = options.integer("hold", 180);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        LocalGit git = new LocalGit(Path.of(options.required("git-dir")));
        SignedPush pushes = new SignedPush(http, options.required("ingestion"), options.required("repo"),
                git.cloneUrl(), options.required("secret"));
        HistoryBuilds history = new HistoryBuilds(http, options.required("history"), options.required("repo"));

        Files.writeString(git.directory().resolve(".slipway.yml"), """
                version: 1
                on:
                  push: { branches: [main] }
                services:
                  idle: { image: %s }
                steps:
                  - name: hold
                    image: busybox:latest
                    run: sleep %d
                """.formatted(options.required("service-image"), hold));
        git.run("add", ".slipway.yml");
        git.run("commit", "-q", "-m", "The scale pipeline");

        Peak containers = new Peak("docker", "ps", "-q", "--filter", "label=dev.slipway.build");
        Peak networks = new Peak("docker", "network", "ls", "-q", "--filter", "label=dev.slipway.build");
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                containers.sample();
                networks.sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Map<String, Instant> posted = new LinkedHashMap<>();
        Instant first = Instant.now();
        for (int i = 1; i <= builds; i++) {
            String before = git.head();
            Files.writeString(git.directory().resolve("build.txt"), "build " + i + "\n");
            git.run("add", "build.txt");
            git.run("commit", "-q", "-m", "Build " + i);
            String after = git.head();
            posted.put(after, Instant.now());
            pushes.post(SignedPush.newDeliveryId(), before, after, "Build " + i, List.of("build.txt"));
        }
        System.out.printf(Locale.ROOT, "%d pushes posted in %.1f s%n", builds,
                Duration.between(first, Instant.now()).toMillis() / 1000.0);

        List<Long> startLatencies = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Instant lastFinished = first;
        for (var push : posted.entrySet()) {
            HistoryBuilds.Build build = history.awaitFinished(push.getKey(), Duration.ofSeconds(hold + 900));
            if (!build.status().equals("succeeded")) {
                failures.add(build.id() + " " + build.status() + ": " + build.reason());
            }
            build.step("hold").filter(s -> s.startedAt() != null)
                    .ifPresent(s -> startLatencies.add(Duration.between(push.getValue(), s.startedAt()).toMillis()));
            if (build.finishedAt() != null && build.finishedAt().isAfter(lastFinished)) {
                lastFinished = build.finishedAt();
            }
        }
        sampler.interrupt();
        long[] sorted = startLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%n| what | value |%n|---|---:|%n");
        System.out.printf(Locale.ROOT, "| builds | %d |%n", builds);
        System.out.printf(Locale.ROOT, "| peak running containers labelled for builds | %d (at %s) |%n",
                containers.peak.get(), containers.peakAt.get());
        System.out.printf(Locale.ROOT, "| peak networks labelled for builds | %d |%n", networks.peak.get());
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT, "| start latency, POST to step start: p50 / p90 / max | %.1f / %.1f / %.1f s |%n",
                    sorted[sorted.length / 2] / 1000.0, sorted[(int) Math.ceil(sorted.length * 0.9) - 1] / 1000.0,
                    sorted[sorted.length - 1] / 1000.0);
        }
        System.out.printf(Locale.ROOT, "| first POST to last BuildFinished | %.1f s |%n",
                Duration.between(first, lastFinished).toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "| builds that did not succeed | %d |%n", failures.size());
        failures.forEach(f -> System.out.println("  " + f));
        containers.sample();
        networks.sample();
        System.out.printf(Locale.ROOT, "left on the engine at the end: %d containers, %d networks%n",
                containers.last.get(), networks.last.get());
    }

    /** A count the engine gives, sampled; the peak and when it was seen. */
    private static final class Peak {
        private final List<String> command;
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger last = new AtomicInteger();
        private final AtomicReference<Instant> peakAt = new AtomicReference<>();

        Peak(String... command) {
            this.command = List.of(command);
        }

        void sample() {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return;
                }
                int count = out.isEmpty() ? 0 : out.split("\n").length;
                last.set(count);
                if (count > peak.get()) {
                    peak.set(count);
                    peakAt.set(Instant.now());
                }
            } catch (IOException e) {
                // the next sample tries again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
