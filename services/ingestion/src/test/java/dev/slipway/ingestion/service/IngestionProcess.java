package dev.slipway.ingestion.service;

import dev.slipway.ingestion.IngestionApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ingestion service as an operating-system process of its own, started from this test JVM's
 * Java and class path, so that a test can kill it with SIGKILL ({@link #kill()}) as the kernel's
 * OOM killer or a power cut would, and start it again on the same port. Its output goes to a
 * file. Not thread-safe.
 */
final class IngestionProcess implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final Map<String, String> properties;
    private final Path log;
    private final int port;
    private final Thread killOnExit;
    private Process process;
    private int starts;

    private IngestionProcess(Map<String, String> properties, Path log) {
        this.properties = properties;
        this.log = log;
        this.port = Integer.parseInt(properties.get("server.port"));
        this.killOnExit = new Thread(this::kill, "kill-ingestion-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the service with {@code properties} (which must fix {@code server.port}) and returns
     * once it is ready; its output goes to {@code log}, and to {@code log}.{@code n} for the n-th restart.
     */
    static IngestionProcess start(Map<String, String> properties, Path log) {
        IngestionProcess ingestion = new IngestionProcess(properties, log);
        ingestion.startAgain();
        return ingestion;
    }

    /** Starts the service again, on the same port, and returns once it is ready. */
    void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("ingestion still runs as pid " + process.pid());
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // A small heap and the quick compiler: the test wants a service that starts fast, not a fast one.
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), IngestionApplication.class.getName()));
        command.addAll(List.of(IngestionRuns.arguments(properties)));
        Path output = starts == 0 ? log : Path.of(log + "." + starts);
        starts++;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        awaitReady(output);
    }

    /** Kills the process with SIGKILL, as the OOM killer would: no shutdown hook, no graceful stop. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void awaitReady(Path output) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingestion exited with " + process.exitValue() + "; see " + output);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("ingestion was not ready within " + START_PATIENCE + "; see " + output);
    }
}
