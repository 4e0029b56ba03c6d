package dev.slipway.bench.execution;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads builds from history's API, as a user's script would: by repository and commit, then by id. */
final class HistoryBuilds {

    private static final Pattern LISTED = Pattern.compile(
            "\\{\"id\":\"([0-9a-f-]{36})\",\"status\":\"[a-z]+\",\"repository\":\\{[^}]*},\"number\":\\d+,\"commit\":\"([0-9a-f]{40})\"");
    private static final Pattern STATUS = Pattern.compile("^\\{\"id\":\"[0-9a-f-]{36}\",\"status\":\"([a-z]+)\"");
    private static final Pattern REASON = Pattern.compile("\"reason\":(\"(?:[^\"\\\\]|\\\\.)*\"|null),\"createdAt\"");
    private static final Pattern TIMES = Pattern.compile(
            "\"createdAt\":(\"[^\"]*\"|null),\"startedAt\":(\"[^\"]*\"|null),\"finishedAt\":(\"[^\"]*\"|null)");
    private static final Pattern STEP = Pattern.compile("\\{\"index\":\\d+,\"name\":\"([^\"]*)\",\"status\":\"([a-z]+)\","
            + "\"exitCode\":(?:null|-?\\d+),\"message\":\"(?:[^\"\\\\]|\\\\.)*\",\"startedAt\":(\"[^\"]*\"|null),"
            + "\"finishedAt\":(\"[^\"]*\"|null)\\}");
    private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    private static final List<String> FINAL = List.of("succeeded", "failed", "errored", "cancelled", "skipped");

    /** A step as history shows it. */
    record Step(String name, String status, Instant startedAt, Instant finishedAt) {
        Duration took() {
            return Duration.between(startedAt, finishedAt);
        }
    }

    /** A build that reached a final status. */
    record Build(String id, String status, String reason, Instant startedAt, Instant finishedAt, List<Step> steps) {
        Optional<Step> step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }

    private final HttpClient http;
    private final String history;
    private final String repository;

    HistoryBuilds(HttpClient http, String history, String repository) {
        this.http = http;
        this.history = history;
        this.repository = repository;
    }

    /** Waits until the build of {@code commit} has a final status, and returns it. */
    Build awaitFinished(String commit, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String id = null;
        while (System.nanoTime() < deadline) {
            if (id == null) {
                id = find(commit).orElse(null);
            }
            if (id != null) {
                String build = get("/api/builds/" + id);
                Matcher status = STATUS.matcher(build);
                if (status.find() && FINAL.contains(status.group(1))) {
                    return parse(id, status.group(1), build);
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no finished build of commit " + commit + " within " + limit
                + (id == null ? " (history lists none)" : " (build " + id + ")"));
    }

    /** The id of the build of {@code commit}, looked for page by page, newest first. */
    private Optional<String> find(String commit) throws IOException, InterruptedException {
        String cursor = null;
        do {
            String page = get("/api/builds?limit=100&repo=" + repository + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            Matcher listed = LISTED.matcher(page);
            while (listed.find()) {
                if (listed.group(2).equals(commit)) {
                    return Optional.of(listed.group(1));
                }
            }
            Matcher next = NEXT.matcher(page);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return Optional.empty();
    }

    private static Build parse(String id, String status, String json) {
        Matcher times = TIMES.matcher(json);
        if (!times.find()) {
            throw new IllegalStateException("build " + id + " has no timestamps: " + json);
        }
        List<Step> steps = new ArrayList<>();
        Matcher step = STEP.matcher(json);
        while (step.find()) {
            steps.add(new Step(step.group(1), step.group(2), instant(step.group(3)), instant(step.group(4))));
        }
        Matcher reason = REASON.matcher(json);
        return new Build(id, status, reason.find() ? reason.group(1) : "", instant(times.group(2)),
                instant(times.group(3)), steps);
    }

    private static Instant instant(String quoted) {
        return quoted.equals("null") ? null : Instant.parse(quoted.substring(1, quoted.length() - 1));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(history + path)).header("Accept", "application/json")
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
