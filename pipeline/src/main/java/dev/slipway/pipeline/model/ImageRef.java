package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.Objects;
import java.util.Optional;

/** The image a step or service runs in: one this pipeline builds, or one pulled as it is. */
public sealed interface ImageRef permits ImageRef.Built, ImageRef.External {

    Location location();

    /** As written: {@code app}, {@code app@builder}, {@code redis:7}. */
    String label();

    /**
     * An image from the pipeline's {@code images}, at its default target or at {@code stage}
     * (written {@code app@builder}). Codeship services with {@code build} map here, named after the
     * service.
     */
    record Built(String image, Optional<String> stage, Location location) implements ImageRef {
        public Built {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String label() {
            return stage.map(s -> image + "@" + s).orElse(image);
        }
    }

    /** An image pulled by reference, such as {@code redis:7}. */
    record External(String reference, Location location) implements ImageRef {
        public External {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String label() {
            return reference;
        }
    }
}
