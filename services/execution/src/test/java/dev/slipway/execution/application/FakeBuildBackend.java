package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable backend for the runtime's own tests: whether the engine answers, the output lines
 * and the result of every build, and an optional gate that holds builds until a test opens it.
 */
final class FakeBuildBackend implements BuildBackend {

    volatile boolean available = true;
    volatile List<String> output = List.of("Step 1/1 : FROM busybox", "Successfully built abc");
    volatile ImageBuildResult result = new ImageBuildResult.Built("sha256:" + "a".repeat(64));
    volatile BuildBackendException fault;
    volatile CountDownLatch gate;

    final List<ImageBuildRequest> requests = new CopyOnWriteArrayList<>();
    final Set<UUID> destroyed = ConcurrentHashMap.newKeySet();
    final AtomicInteger building = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public String describe() {
        return available ? "fake engine" : "no fake engine answers";
    }

    @Override
    public ImageBuildResult buildImage(ImageBuildRequest request, OutputListener listener) {
        requests.add(request);
        int now = building.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            output.forEach(listener::onLine);
            CountDownLatch held = gate;
            if (held != null && !held.await(10, TimeUnit.SECONDS)) {
                throw new BuildBackendException("the test never opened the gate");
            }
            if (fault != null) {
                throw fault;
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted", e);
        } finally {
            building.decrementAndGet();
        }
    }

    @Override
    public void destroy(UUID buildId) {
        destroyed.add(buildId);
    }

    // The rest of the lifecycle arrives in the slices of issue 6 that follow this contract.

    @Override
    public dev.slipway.execution.application.port.out.BuildResources setup(
            dev.slipway.execution.application.port.out.BuildSetup setup) {
        throw new UnsupportedOperationException("setup arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.ContainerHandle startStep(
            dev.slipway.execution.application.port.out.BuildResources resources,
            dev.slipway.execution.application.port.out.ContainerSpec spec) {
        throw new UnsupportedOperationException("startStep arrives with issue 6");
    }

    @Override
    public void tailStep(dev.slipway.execution.application.port.out.ContainerHandle container,
                         dev.slipway.execution.application.port.out.OutputListener output) {
        throw new UnsupportedOperationException("tailStep arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.StepExit waitStep(
            dev.slipway.execution.application.port.out.ContainerHandle container, java.time.Duration limit) {
        throw new UnsupportedOperationException("waitStep arrives with issue 6");
    }

    @Override
    public void stopStep(dev.slipway.execution.application.port.out.ContainerHandle container, java.time.Duration grace) {
        throw new UnsupportedOperationException("stopStep arrives with issue 6");
    }

    @Override
    public java.util.Optional<String> awaitHealthy(dev.slipway.execution.application.port.out.ContainerHandle service,
                                                   java.time.Duration limit) {
        throw new UnsupportedOperationException("awaitHealthy arrives with issue 6");
    }

    @Override
    public dev.slipway.execution.application.port.out.PushResult pushImage(
            dev.slipway.execution.application.port.out.PushRequest request,
            dev.slipway.execution.application.port.out.OutputListener output) {
        throw new UnsupportedOperationException("pushImage arrives with issue 6");
    }

    @Override
    public java.util.Set<java.util.UUID> buildsWithLeftovers() {
        throw new UnsupportedOperationException("buildsWithLeftovers arrives with issue 6");
    }
}
