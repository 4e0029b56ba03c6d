package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.Objects;

/** A name that refers to something declared elsewhere (a service, an image), with where it was written. */
public record Reference(String name, Location location) {
    public Reference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
