package dev.slipway.execution.adapter.out.docker;

/**
 * Which of the engine's builders builds images, under {@code slipway.execution.docker.builder}.
 */
enum ImageBuilder {

    /**
     * BuildKit ({@code version=2} of the engine's build API), the default: it builds the stages a
     * target needs in parallel, runs instructions without committing a container for each, and sets
     * labels without an instruction of their own. Docker 18.09 and later have it on Linux.
     */
    BUILDKIT,

    /**
     * The engine's classic builder ({@code version=1}), for engines without BuildKit: every
     * instruction is a container commit, and {@code cache_from} takes local images as they are.
     */
    CLASSIC
}
