package dev.slipway.execution.service;

import static org.awaitility.Awaitility.await;

import dev.slipway.execution.ExecutionApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One execution service as an operating-system process of its own, run by this test JVM's Java
 * on its class path, so that a test can SIGKILL it mid-build, as the OOM killer or a lost machine
 * would. Its output goes to a file of its own. A process still alive when the test JVM exits is
 * killed by a shutdown hook.
 */
final class ExecutionProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private final Thread killAtExit;

    private ExecutionProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.killAtExit = new Thread(this::kill, "kill-execution-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /**
     * Starts the service with {@code properties}, which must set {@code server.port}, writes what
     * it prints to {@code output}, and returns once its readiness probe answers 200.
     */
    static ExecutionProcess start(Map<String, String> properties, Path output) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Quick to start rather than quick to run: C1 only, a small serial heap.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), ExecutionApplication.class.getName()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start execution: " + command, e);
        }
        ExecutionProcess execution = new ExecutionProcess(process, output);
        URI readiness = URI.create("http://127.0.0.1:" + properties.get("server.port") + "/actuator/health/readiness");
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("execution exited with " + process.exitValue() + "; see " + output);
                }
                return answers200(readiness);
            });
        } catch (RuntimeException notReady) {
            execution.close();
            throw notReady;
        }
        return execution;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no last heartbeat. Returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the process printed, for a failure's message. */
    String lastLines(int count) {
        try (Stream<String> lines = Files.lines(output)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + output + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
    }

    private static boolean answers200(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
