package dev.slipway.execution.application.port.out;

import java.util.UUID;

/**
 * An engine that builds images (and, with the pipeline language, runs steps, services and
 * pushes) for builds. Docker through docker-java is the implementation; Kubernetes may follow.
 *
 * <h2>Lifecycle of one build</h2>
 * <ol>
 *   <li>{@code setup(plan)} creates the build's network and workspace volume (comes with
 *       build plans; until then a build needs neither).</li>
 *   <li>{@link #buildImage} is called for each image of the build, in plan order.</li>
 *   <li>{@code startStep}, {@code tailStep} and {@code waitStep} run each step's container, and
 *       {@code pushImage} pushes a built image by its id (come with build plans).</li>
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
 * thread-safe. Calls for one build come from one thread at a time. Output is delivered to the
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
     * Removes the containers, networks and volumes labelled {@value #BUILD_LABEL}{@code =buildId}.
     * Images are kept: they are the build's product. Safe after any failure and for builds that
     * left nothing behind; calling it twice changes nothing the second time.
     *
     * @throws BuildBackendException when the engine could not be asked; the caller may retry
     */
    void destroy(UUID buildId);
}
