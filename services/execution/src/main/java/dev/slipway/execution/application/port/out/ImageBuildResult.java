package dev.slipway.execution.application.port.out;

import java.util.Objects;

/** How an image build ended, when the backend itself did not fail. */
public sealed interface ImageBuildResult {

    /** @param imageId the engine's id of the image, {@code sha256:...} */
    record Built(String imageId) implements ImageBuildResult {
        public Built {
            if (imageId == null || imageId.isBlank()) {
                throw new IllegalArgumentException("a built image has an id");
            }
        }
    }

    /**
     * An instruction of the Dockerfile failed, or the engine refused the Dockerfile.
     *
     * @param message  the engine's own words, such as
     *                 {@code The command '/bin/sh -c exit 3' returned a non-zero code: 3}
     * @param exitCode the exit code of the failed instruction, or {@code null} when none ran
     */
    record Failed(String message, Integer exitCode) implements ImageBuildResult {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}
