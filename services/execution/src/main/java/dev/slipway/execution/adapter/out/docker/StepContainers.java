package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.StepExit;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the containers of steps and services: create and start from {@link ContainerSettings},
 * follow their output, wait for their exit, stop them, and wait for services' health checks.
 * Every call is a plain request to the engine, so any thread may stop a container that another
 * thread is waiting for.
 *
 * <p>Output is read from the container's own streams, attached between create and start, the
 * way {@code docker run} reads it: the engine copies each write to the attached connection as it
 * happens, holds the container back while the reader lags (it never drops a write), and ends the
 * stream once the container's output is closed. Reading the engine's log file instead ({@code
 * /logs?follow=1}) is what dockerd 20.10 does slowly: on two busy cores, {@code docker logs -f}
 * took 31 to 36 s for a million short lines that {@code docker run} read in 9 to 13 s, so a step
 * that printed much finished long before its output was read. The log is still what a container falls back to when it could not be
 * attached (see {@link FollowedLog}).
 */
final class StepContainers {

    private static final Logger log = LoggerFactory.getLogger(StepContainers.class);
    private static final Duration RESUME_PAUSE = Duration.ofMillis(100);
    private static final int READ_BUFFER = 64 * 1024;

    /** An output stream attached before its container started, until {@link #tail} takes it. */
    private record Attached(UUID buildId, DockerHttpClient.Response response) {
    }

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final Duration timeoutGrace;
    private final Duration healthPollInterval;
    private final Map<String, Attached> attached = new ConcurrentHashMap<>();
    private final boolean attachOutput;

    /**
     * @param attachOutput false to never attach, as if the engine always refused: every container
     *                     then keeps a log of the engine's, which its output is read from
     */
    StepContainers(DockerClient docker, DockerHttpClient http, Duration timeoutGrace, Duration healthPollInterval,
                   boolean attachOutput) {
        this.docker = docker;
        this.http = http;
        this.timeoutGrace = timeoutGrace;
        this.healthPollInterval = healthPollInterval;
        this.attachOutput = attachOutput;
    }

    ContainerHandle start(UUID buildId, BuildResources resources, ContainerSpec spec) {
        // Without attaching, its output can only come from a log of the engine's: the container keeps one.
        String id = create(ContainerSettings.of(buildId, resources, spec, !attachOutput), spec);
        if (attachOutput && !attach(buildId, id, spec)) {
            // Refused: the container is made again, with a log of the engine's.
            removeQuietly(id);
            id = create(ContainerSettings.of(buildId, resources, spec, true), spec);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            close(attached.remove(id));
            // The created container keeps its build label: destroy removes it.
            throw new BuildBackendException("the engine could not start the container of " + describe(spec) + ": "
                    + EngineFaults.rootMessage(e), e);
        }
        return new ContainerHandle(buildId, id, spec.name());
    }

    private String create(ContainerSettings settings, ContainerSpec spec) {
        try {
            return settings.applyTo(docker.createContainerCmd(settings.image())).exec().getId();
        } catch (NotFoundException e) {
            throw new BuildBackendException("the image " + spec.image() + " of " + describe(spec)
                    + " is not on the engine: " + EngineFaults.rootMessage(e), e);
        } catch (DockerException e) {
            throw new BuildBackendException("the engine refused to create the container of " + describe(spec) + ": "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    private void removeQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (DockerException e) {
            // It never started and keeps its build label: destroy removes it with the build.
            log.warn("could not remove container {}, which never started: {}", id, EngineFaults.rootMessage(e));
        }
    }

    /**
     * Attaches to the output of the created container {@code id}, before it starts, so that none of
     * it is missed: the engine registers the attachment before it answers.
     *
     * @return whether it is attached; when the engine refused, the container's output must be read
     *         from a log of the engine's instead
     */
    private boolean attach(UUID buildId, String id, ContainerSpec spec) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/containers/" + id + "/attach?stream=1&stdout=1&stderr=1")
                .build();
        DockerHttpClient.Response response = null;
        try {
            response = http.execute(request);
            if (response.getStatusCode() == 200 || response.getStatusCode() == 101) {
                attached.put(id, new Attached(buildId, response));
                return true;
            }
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            log.warn("build {}: the engine refused to attach to the output of {} (HTTP {} {}); it is created again with a log "
                    + "of the engine's, which its output is read from", buildId, describe(spec), response.getStatusCode(),
                    BuildStreamReader.engineMessage(body));
        } catch (IOException | RuntimeException e) {
            log.warn("build {}: could not attach to the output of {} ({}); it is created again with a log of the "
                    + "engine's, which its output is read from", buildId, describe(spec), EngineFaults.rootMessage(e));
        }
        close(response == null ? null : new Attached(buildId, response));
        return false;
    }

    /**
     * Reads the output to the container's end: from the streams attached at its start, or, when
     * there are none, from its log.
     */
    void tail(ContainerHandle container, OutputListener output) {
        Attached streams = attached.remove(container.containerId());
        if (streams != null) {
            readAttached(container, streams.response(), output);
        } else {
            followLog(container, output);
        }
    }

    /** Reads the attached streams until the engine ends them, which it does once the container's output is closed. */
    private void readAttached(ContainerHandle container, DockerHttpClient.Response response, OutputListener output) {
        LogLines lines = new LogLines(output);
        try (response; BufferedInputStream body = new BufferedInputStream(response.getBody(), READ_BUFFER)) {
            LogFrames.read(body, (stream, payload) -> lines.accept(stream, payload, 0, payload.length));
        } catch (IOException | RuntimeException e) {
            throw new BuildBackendException("the engine broke off the output of " + container.name() + ": "
                    + EngineFaults.rootMessage(e), e);
        }
        lines.finish();
    }

    /** Lets go of the attached streams that {@link #tail} never took, of build {@code buildId}'s containers. */
    void release(UUID buildId) {
        attached.values().removeIf(streams -> {
            if (streams.buildId().equals(buildId)) {
                close(streams);
                return true;
            }
            return false;
        });
    }

    private static void close(Attached streams) {
        if (streams != null) {
            try {
                streams.response().close();
            } catch (RuntimeException e) {
                // The connection goes away with the container.
            }
        }
    }

    /**
     * Follows the log to the container's end; when the follow ends before the log does (see
     * {@link FollowedLog}), reads on from where it stopped: following again while the container
     * still runs, once more to the end after it stopped.
     */
    private void followLog(ContainerHandle container, OutputListener output) {
        FollowedLog followed = new FollowedLog(output);
        readLog(container, true, 0, null, followed::accept);
        while (true) {
            boolean running;
            try {
                running = Boolean.TRUE.equals(docker.inspectContainerCmd(container.containerId()).exec().getState()
                        .getRunning());
            } catch (NotFoundException removed) {
                break;
            }
            if (!running) {
                List<byte[]> last = new ArrayList<>(1);
                readLog(container, false, 0, 1, (stream, payload) -> last.add(payload));
                if (!last.isEmpty() && !followed.endsWith(last.getLast())) {
                    readLog(container, false, followed.rereadSince(), null, followed::accept);
                }
                break;
            }
            long before = followed.taken();
            readLog(container, true, followed.rereadSince(), null, followed::accept);
            if (followed.taken() == before) {
                // The follow ended at once without anything new: do not ask the engine in a tight loop.
                sleep(RESUME_PAUSE.toNanos(), container);
            }
        }
        followed.finish();
    }

    /**
     * Reads the container's log with timestamps, message by message, through the engine's HTTP API
     * directly (see {@link LogFrames} for why). A container that is gone has no more output.
     */
    private void readLog(ContainerHandle container, boolean follow, long since, Integer tail,
                         LogFrames.Receiver receiver) {
        String path = "/containers/" + container.containerId() + "/logs?stdout=1&stderr=1&timestamps=1"
                + (follow ? "&follow=1" : "") + (since > 0 ? "&since=" + since : "") + (tail != null ? "&tail=" + tail : "");
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() == 404) {
                return;
            }
            if (response.getStatusCode() != 200) {
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                throw new BuildBackendException("the engine refused the output of " + container.name() + ": HTTP "
                        + response.getStatusCode() + " " + BuildStreamReader.engineMessage(body));
            }
            LogFrames.read(response.getBody(), receiver);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BuildBackendException fault) {
                throw fault;
            }
            throw new BuildBackendException("the engine broke off the output of " + container.name() + ": "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    StepExit await(ContainerHandle container, Duration limit) {
        try (WaitContainerResultCallback callback = docker.waitContainerCmd(container.containerId())
                .exec(new WaitContainerResultCallback())) {
            if (!callback.awaitCompletion(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS)) {
                stop(container, timeoutGrace);
                return new StepExit.TimedOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while waiting for " + container.name(), e);
        } catch (IOException | RuntimeException e) {
            throw new BuildBackendException("the engine did not say how " + container.name() + " ended: "
                    + EngineFaults.rootMessage(e), e);
        }
        InspectContainerResponse.ContainerState state = inspect(container).getState();
        Long exitCode = state.getExitCodeLong();
        return new StepExit.Exited(exitCode == null ? -1 : exitCode.intValue(), Boolean.TRUE.equals(state.getOOMKilled()));
    }

    void stop(ContainerHandle container, Duration grace) {
        try {
            EngineFaults.ignoringGone(() -> {
                if (grace.isZero() || grace.isNegative()) {
                    docker.killContainerCmd(container.containerId()).exec();
                } else {
                    int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
                    docker.stopContainerCmd(container.containerId()).withTimeout(seconds).exec();
                }
            });
        } catch (ConflictException notRunning) {
            // A kill of a container that has just exited: nothing to stop.
        } catch (DockerException e) {
            throw new BuildBackendException("the engine could not stop " + container.name() + ": "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    Optional<String> awaitHealthy(ContainerHandle service, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            InspectContainerResponse inspected = inspect(service);
            HealthCheck check = inspected.getConfig() == null ? null : inspected.getConfig().getHealthcheck();
            List<String> test = check == null ? null : check.getTest();
            ServiceHealth.Verdict health = ServiceHealth.of(service.name(), inspected.getState(), test);
            switch (health) {
                case ServiceHealth.Healthy healthy -> {
                    return Optional.empty();
                }
                case ServiceHealth.Failed failed -> {
                    return Optional.of(failed.reason());
                }
                case ServiceHealth.Starting starting -> {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return Optional.of(starting.timedOut(limit));
                    }
                    sleep(Math.min(left, healthPollInterval.toNanos()), service);
                }
            }
        }
    }

    private InspectContainerResponse inspect(ContainerHandle container) {
        try {
            return docker.inspectContainerCmd(container.containerId()).exec();
        } catch (DockerException e) {
            throw new BuildBackendException("the engine cannot show the container of " + container.name() + ": "
                    + EngineFaults.rootMessage(e), e);
        }
    }

    private static void sleep(long nanos, ContainerHandle container) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted while waiting for " + container.name(), e);
        }
    }

    private static String describe(ContainerSpec spec) {
        return (spec.role() == ContainerSpec.Role.SERVICE ? "service " : "step ") + spec.name();
    }
}
