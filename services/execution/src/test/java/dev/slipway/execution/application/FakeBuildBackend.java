package dev.slipway.execution.application;

import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.BuildSetup;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ContainerSpec;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.OutputListener;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.StepExit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable backend for the runtime's own tests, in the manner of Woodpecker's dummy backend.
 *
 * <ul>
 *   <li>Containers, by step or service name: exit code, how long they run, the lines they print,
 *       an out-of-memory kill ({@link #script}). A container without a script exits 0 at once.
 *       A service runs until it is stopped or its build destroyed; {@link #unhealthy} makes one
 *       fail its health check.</li>
 *   <li>Image builds: the output, the result (or a result per image key), a fault, and a gate that
 *       holds builds until a test opens it.</li>
 *   <li>Pushes: a result per repository, {@code Pushed} with a digest unless scripted, and a gate
 *       that holds pushes until a test opens it.</li>
 *   <li>{@link #abort} ends a build's held image build or push, and refuses later ones, with a
 *       fault, as the real backend does; the aborted builds are in {@link #aborted}.</li>
 * </ul>
 *
 * It records every call ({@link #calls}, in order, such as {@code start test} or {@code stop db}),
 * the specs and requests it got, how many steps ran at once, and how often each build was
 * destroyed. It checks the lifecycle: a container started before its build's setup is a fault.
 */
public final class FakeBuildBackend implements BuildBackend {

    /** How a container behaves. */
    public record Script(int exitCode, Duration runs, List<String> output, boolean oomKilled) {

        public Script {
            output = List.copyOf(output);
        }

        /** Exits with {@code code} at once, printing nothing. */
        public static Script exits(int code) {
            return new Script(code, Duration.ZERO, List.of(), false);
        }

        /** Runs for {@code duration} before it exits. */
        public Script running(Duration duration) {
            return new Script(exitCode, duration, output, oomKilled);
        }

        /** Prints {@code lines} when it starts. */
        public Script printing(String... lines) {
            return new Script(exitCode, runs, List.of(lines), oomKilled);
        }

        /** Is killed for memory, exiting 137. */
        public static Script outOfMemory() {
            return new Script(137, Duration.ZERO, List.of(), true);
        }
    }

    public static final String DIGEST = "sha256:" + "d".repeat(64);

    public volatile boolean available = true;
    public volatile List<String> output = List.of("Step 1/1 : FROM busybox", "Successfully built abc");
    public volatile ImageBuildResult result = new ImageBuildResult.Built("sha256:" + "a".repeat(64));
    public final Map<String, ImageBuildResult> imageResults = new ConcurrentHashMap<>();
    public volatile BuildBackendException fault;
    public volatile BuildBackendException startFault;
    public volatile CountDownLatch gate;
    public volatile CountDownLatch pushGate;
    public final Set<UUID> aborted = ConcurrentHashMap.newKeySet();
    public final Map<String, String> unhealthy = new ConcurrentHashMap<>();
    public final Map<String, PushResult> pushResults = new ConcurrentHashMap<>();

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<ImageBuildRequest> requests = new CopyOnWriteArrayList<>();
    public final List<ContainerSpec> started = new CopyOnWriteArrayList<>();
    public final List<PushRequest> pushes = new CopyOnWriteArrayList<>();
    public final Map<UUID, AtomicInteger> destroyCounts = new ConcurrentHashMap<>();
    public final Set<UUID> destroyed = ConcurrentHashMap.newKeySet();
    public final AtomicInteger building = new AtomicInteger();
    public final AtomicInteger mostAtOnce = new AtomicInteger();
    public final AtomicInteger stepsRunning = new AtomicInteger();
    public final AtomicInteger mostStepsAtOnce = new AtomicInteger();

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<UUID, BuildResources> setUp = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final AtomicInteger nextContainer = new AtomicInteger();

    /** Scripts the container of the step or service {@code name}. */
    public FakeBuildBackend script(String name, Script script) {
        scripts.put(name, script);
        return this;
    }

    /** The specs of the containers started for {@code name}. */
    public List<ContainerSpec> startedFor(String name) {
        return started.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** How often {@code buildId} was destroyed. */
    public int destroyCount(UUID buildId) {
        AtomicInteger count = destroyCounts.get(buildId);
        return count == null ? 0 : count.get();
    }

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
        String key = request.labels().getOrDefault(ContainerSpecs.IMAGE_LABEL, "");
        calls.add("build " + key);
        int now = building.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            refuseIfAborted(request.buildId());
            output.forEach(listener::onLine);
            awaitGate(gate, request.buildId());
            if (fault != null) {
                throw fault;
            }
            return imageResults.getOrDefault(key, result);
        } finally {
            building.decrementAndGet();
        }
    }

    /** Holds the caller until the test opens {@code held} (if set), or the build is aborted. */
    private void awaitGate(CountDownLatch held, UUID buildId) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (held != null && !await(held, Duration.ofMillis(10))) {
            refuseIfAborted(buildId);
            if (System.nanoTime() > until) {
                throw new BuildBackendException("the test never opened the gate");
            }
        }
    }

    private void refuseIfAborted(UUID buildId) {
        if (aborted.contains(buildId)) {
            throw new BuildBackendException("build " + buildId + " was aborted");
        }
    }

    @Override
    public void abort(UUID buildId) {
        // Not among the calls: every stopped build is aborted, whether or not an image build or push ran.
        aborted.add(buildId);
    }

    @Override
    public BuildResources setup(BuildSetup setup) {
        calls.add("setup");
        BuildResources resources = new BuildResources("slipway-" + setup.buildId(), "10.208.0.0/26",
                "slipway-" + setup.buildId() + "-workspace");
        if (setUp.putIfAbsent(setup.buildId(), resources) != null) {
            throw new BuildBackendException("build " + setup.buildId() + " was set up twice");
        }
        return resources;
    }

    @Override
    public ContainerHandle startStep(BuildResources resources, ContainerSpec spec) {
        calls.add("start " + spec.name());
        UUID buildId = setUp.entrySet().stream().filter(e -> e.getValue().equals(resources)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new BuildBackendException("a container started before its build's "
                        + "setup, or after its destroy: " + spec));
        if (startFault != null) {
            throw startFault;
        }
        started.add(spec);
        ContainerHandle handle = new ContainerHandle(buildId, "container-" + nextContainer.incrementAndGet(),
                spec.name());
        Script script = scripts.getOrDefault(spec.name(), Script.exits(0));
        Container container = new Container(handle, spec.role(), script, System.nanoTime());
        containers.put(handle.containerId(), container);
        if (spec.role() == ContainerSpec.Role.STEP) {
            int now = stepsRunning.incrementAndGet();
            mostStepsAtOnce.accumulateAndGet(now, Math::max);
        }
        return handle;
    }

    @Override
    public void tailStep(ContainerHandle handle, OutputListener listener) {
        Container container = container(handle);
        container.script.output().forEach(listener::onLine);
        await(container.exited, Duration.ofSeconds(60));
    }

    @Override
    public StepExit waitStep(ContainerHandle handle, Duration limit) {
        Container container = container(handle);
        Duration left = container.script.runs().minusNanos(System.nanoTime() - container.startedAt);
        if (left.compareTo(limit) <= 0) {
            boolean stopped = await(container.exited, left);
            container.exit();
            return stopped && container.stopped.get() ? new StepExit.Exited(137, false)
                    : new StepExit.Exited(container.script.exitCode(), container.script.oomKilled());
        }
        boolean stopped = await(container.exited, limit);
        container.exit();
        if (stopped && container.stopped.get()) {
            return new StepExit.Exited(137, false);
        }
        calls.add("timeout " + handle.name());
        return new StepExit.TimedOut();
    }

    @Override
    public void stopStep(ContainerHandle handle, Duration grace) {
        calls.add("stop " + handle.name());
        Container container = containers.get(handle.containerId());
        if (container != null) {
            container.stopped.set(true);
            container.exit();
        }
    }

    @Override
    public Optional<String> awaitHealthy(ContainerHandle service, Duration limit) {
        calls.add("health " + service.name());
        return Optional.ofNullable(unhealthy.get(service.name()));
    }

    @Override
    public PushResult pushImage(PushRequest request, OutputListener listener) {
        calls.add("push " + request.repository());
        pushes.add(request);
        refuseIfAborted(request.buildId());
        listener.onLine("The push refers to repository [" + request.repository() + "]");
        awaitGate(pushGate, request.buildId());
        return pushResults.getOrDefault(request.repository(), new PushResult.Pushed(DIGEST));
    }

    @Override
    public Set<UUID> buildsWithLeftovers() {
        Set<UUID> leftovers = new HashSet<>(setUp.keySet());
        containers.values().forEach(c -> leftovers.add(c.handle.buildId()));
        return leftovers;
    }

    @Override
    public void destroy(UUID buildId) {
        calls.add("destroy");
        destroyed.add(buildId);
        destroyCounts.computeIfAbsent(buildId, id -> new AtomicInteger()).incrementAndGet();
        setUp.remove(buildId);
        containers.values().removeIf(c -> {
            if (c.handle.buildId().equals(buildId)) {
                c.exit();
                return true;
            }
            return false;
        });
    }

    private Container container(ContainerHandle handle) {
        Container container = containers.get(handle.containerId());
        if (container == null) {
            throw new BuildBackendException("no such container: " + handle.containerId());
        }
        return container;
    }

    /** Whether the latch opened within {@code limit}. */
    private static boolean await(CountDownLatch latch, Duration limit) {
        try {
            return latch.await(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildBackendException("interrupted", e);
        }
    }

    private final class Container {
        final ContainerHandle handle;
        final ContainerSpec.Role role;
        final Script script;
        final long startedAt;
        final CountDownLatch exited = new CountDownLatch(1);
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicBoolean counted = new AtomicBoolean();

        Container(ContainerHandle handle, ContainerSpec.Role role, Script script, long startedAt) {
            this.handle = handle;
            this.role = role;
            this.script = script;
            this.startedAt = startedAt;
        }

        void exit() {
            exited.countDown();
            if (role == ContainerSpec.Role.STEP && counted.compareAndSet(false, true)) {
                stepsRunning.decrementAndGet();
            }
        }
    }
}
