package dev.slipway.execution.application.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An engine that builds images (and, with the pipeline language, runs steps, services and
 * pushes) for builds. Docker through docker-java is the implementation; Kubernetes may follow.
 *
 * <h2>Lifecycle of one build</h2>
 * <ol>
 *   <li>{@link #setup} creates the build's network, on a subnet the backend allocates from its
 *       configured range, and its workspace volume, filled from a tar stream.</li>
 *   <li>{@link #buildImage} is called for each image of the build, in plan order.</li>
 *   <li>{@link #startStep} starts each service (then {@link #awaitHealthy}) and each step's
 *       container; {@link #tailStep} follows a step's output to its end, {@link #waitStep} waits
 *       for its exit, and {@link #stopStep} stops it early (a cancel or a timeout).</li>
 *   <li>{@link #abort} ends the build's image builds and pushes in progress, when the build is
 *       stopped from outside (a cancel, an error).</li>
 *   <li>{@link #pushImage} pushes a built image by its id.</li>
 *   <li>{@link #destroy} is called exactly once at the end, whatever happened before: after
 *       success, after a failed step, after a backend fault, and after a partial or failed
 *       setup. It is idempotent and may be called again, by this or another executor, for a build
 *       it no longer remembers.</li>
 * </ol>
 *
 * <h2>Results and faults</h2>
 * A build or step that fails on its own terms (a Dockerfile instruction that exits non-zero, a
 * step that exits non-zero or is killed for memory) is a <em>result</em>, returned as data. Only
 * faults of the backend itself (the engine does not answer, the connection drops, the engine
 * refuses a request that Slipway got wrong) throw {@link BuildBackendException}.
 *
 * <h2>Labels</h2>
 * Everything the backend creates for a build (containers, networks, volumes and images) carries
 * the label {@value #BUILD_LABEL}{@code =<build id>}, which is what {@link #destroy} removes by.
 * The backend adds that label itself; callers add others, such as the commit and the step.
 *
 * <h2>Threads</h2>
 * One backend instance serves every build of an executor, concurrently: implementations are
 * thread-safe. Calls for one build come from several threads at once: the lanes of a stage run
 * their steps side by side, a container's output is followed ({@link #tailStep}) while its exit is
 * awaited ({@link #waitStep}), and a cancel calls {@link #stopStep} and {@link #abort} from yet
 * another thread.
 * {@link #setup} is called at most once, before the build's first {@link #startStep}, and only if
 * a container is needed; {@link #destroy} comes after every other call of the build has returned,
 * except output that is still being followed, which it ends. Output is delivered to the
 * caller's {@link OutputListener} in the order the engine produced it, on a thread of the
 * backend's choosing, before the call that produced it returns.
 */
public interface BuildBackend {

    /** The label that ties an engine object to the build that created it. */
    String BUILD_LABEL = "dev.slipway.build";
    /** The label that records the commit an image was built from. */
    String COMMIT_LABEL = "dev.slipway.commit";
    /** The label that records the step that built an image. */
    String STEP_LABEL = "dev.slipway.step";

    /**
     * Whether the engine answers now. Never throws, and returns within a few seconds: callers
     * use it to decide whether to take a build at all.
     */
    boolean isAvailable();

    /**
     * Where the engine is and what it said when last asked, in words for logs and health
     * details, such as {@code Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock}.
     */
    String describe();

    /**
     * Builds an image from {@code request}'s context and Dockerfile, streaming the engine's output
     * to {@code output} line by line, as the engine printed it, without line ends. Blocks until
     * the engine is done.
     *
     * @return {@link ImageBuildResult.Built} with the engine's image id, or
     *         {@link ImageBuildResult.Failed} with the engine's own message when an instruction of
     *         the Dockerfile failed
     * @throws BuildBackendException when the engine could not be asked, broke off, or ended
     *                               without either an image or an error
     */
    ImageBuildResult buildImage(ImageBuildRequest request, OutputListener output);

    /**
     * Creates the build's network, with a subnet of its own, and its workspace volume, filled with
     * {@code setup}'s workspace. Whatever it created before a fault is left for {@link #destroy}.
     *
     * @throws BuildBackendException when the engine refused or no subnet of the range is free
     */
    BuildResources setup(BuildSetup setup);

    /**
     * Creates and starts a container on the build's network (or the host's, when the spec says
     * so), reachable there by {@link ContainerSpec#name()}, with the workspace mounted when the
     * spec asks. An image that does not exist is a fault, since the plan named it.
     */
    ContainerHandle startStep(BuildResources resources, ContainerSpec spec);

    /**
     * Follows the container's output, stdout and stderr interleaved as the engine kept them, line
     * by line, until the container stops; blocks until then.
     */
    void tailStep(ContainerHandle container, OutputListener output);

    /**
     * Waits for the container to exit, at most {@code limit}; past it, stops the container and
     * answers {@link StepExit.TimedOut}.
     */
    StepExit waitStep(ContainerHandle container, Duration limit);

    /**
     * Stops a running container at once (SIGKILL after at most {@code grace}); does nothing to
     * one that has already exited. Safe to call from any thread, which is how a cancel works.
     */
    void stopStep(ContainerHandle container, Duration grace);

    /**
     * Ends build {@code buildId}'s image builds and pushes that are in progress, and those that
     * start later, until its {@link #destroy}: each such {@link #buildImage} or {@link #pushImage}
     * throws {@link BuildBackendException} at once, saying that the build was stopped, and the
     * engine stops the work it did for it (no container of an image build's instruction keeps
     * running). Containers are not touched: {@link #stopStep} stops those. Returns promptly; safe
     * to call from any thread, more than once, and for a build with nothing in progress.
     */
    void abort(UUID buildId);

    /**
     * Waits until a service's health check passes, at most {@code limit}.
     *
     * @return empty when it is healthy (or has no check), otherwise why not, in words, such as
     *         {@code service db is unhealthy after 5 checks: pg_isready exited 2}
     */
    Optional<String> awaitHealthy(ContainerHandle service, Duration limit);

    /**
     * Tags the image {@code request.imageId()} as every {@code repository:tag} and pushes it,
     * streaming the engine's progress to {@code output}. Every item the engine answers is checked:
     * a push that the registry refuses is a {@link PushResult.Refused}, never a success.
     */
    PushResult pushImage(PushRequest request, OutputListener output);

    /**
     * The builds that have containers, networks or volumes on the engine, by their
     * {@value #BUILD_LABEL} label: what an executor that starts compares with the runs it owns.
     */
    Set<UUID> buildsWithLeftovers();

    /**
     * Removes the containers, networks and volumes labelled {@value #BUILD_LABEL}{@code =buildId}.
     * Images are kept: they are the build's product. Safe after any failure and for builds that
     * left nothing behind; calling it twice changes nothing the second time.
     *
     * @throws BuildBackendException when the engine could not be asked; the caller may retry
     */
    void destroy(UUID buildId);
}
