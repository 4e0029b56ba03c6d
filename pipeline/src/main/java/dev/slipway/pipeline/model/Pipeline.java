package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline, whichever file format it was written in.
 *
 * @param format   the format it was read from
 * @param location where it starts (the main file's start)
 * @param triggers which events start it ({@code on})
 * @param skip     commit-message skip rules
 * @param images   images it builds, in file order
 * @param services services, in file order
 * @param steps    top-level steps, in file order; they run one after another
 * @param timeout  the whole build's limit, when given
 */
public record Pipeline(Format format, Location location, Triggers triggers, SkipRules skip, List<ImageSpec> images,
                       List<ServiceSpec> services, List<Step> steps, Optional<Duration> timeout) {

    /** The file formats read into this model. */
    public enum Format {
        /** {@code .slipway.yml}. */
        SLIPWAY,
        /** {@code codeship-services.yml} with {@code codeship-steps.yml}. */
        CODESHIP
    }

    public Pipeline {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(triggers, "triggers");
        Objects.requireNonNull(skip, "skip");
        images = List.copyOf(images);
        services = List.copyOf(services);
        steps = List.copyOf(steps);
        Objects.requireNonNull(timeout, "timeout");
    }

    public Optional<ImageSpec> image(String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every step at every depth, groups included, depth first in file order. */
    public List<Step> allSteps() {
        List<Step> all = new ArrayList<>();
        collect(steps, all);
        return all;
    }

    private static void collect(List<Step> steps, List<Step> into) {
        for (Step step : steps) {
            into.add(step);
            if (step instanceof Step.Group group) {
                collect(group.steps(), into);
            }
        }
    }
}
