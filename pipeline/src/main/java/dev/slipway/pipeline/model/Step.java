package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.template.TagTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code steps}: an action ({@link Run}, {@link Push}, {@link Release}) or a group of
 * steps ({@link Parallel}, {@link Serial}). Every step has a name, unique across the whole
 * pipeline at any depth, which decisions and plans use to refer to it.
 */
public sealed interface Step permits Step.Run, Step.Push, Step.Release, Step.Group {

    String name();

    Location location();

    /** When it runs; a group's condition applies to all its steps, on top of their own. */
    When when();

    /** How long it may take; the build's timeout applies when empty. */
    Optional<Duration> timeout();

    /** A group of steps. */
    sealed interface Group extends Step permits Parallel, Serial {
        List<Step> steps();
    }

    /**
     * Commands run in a container.
     *
     * @param image       the image: built ({@code app}, {@code app@builder}) or pulled; Codeship's
     *                    {@code service:} maps to the image built for that service
     * @param commands    run one after another with {@code /bin/sh -c}; the step fails at the first
     *                    that fails
     * @param environment its environment, literal or from secrets
     * @param services    the services that must be up while it runs (native: every declared service
     *                    unless the step lists its own; Codeship: the step service's depends_on)
     */
    record Run(String name, Location location, ImageRef image, List<String> commands, List<EnvVar> environment,
               List<Reference> services, When when, Optional<Duration> timeout) implements Step {
        public Run {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(image, "image");
            commands = List.copyOf(commands);
            environment = List.copyOf(environment);
            services = List.copyOf(services);
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * Pushes an image that this pipeline builds, at its default target, to a repository. The image
     * pushed is always the one built by the same build (Codeship: the image built for the step's
     * {@code service}, whatever {@code image_name} says; {@code image_name} maps to {@code to}).
     *
     * @param image      the name of the built image
     * @param to         the destination repository, with its registry host: {@code registry.example.com/team/app}
     * @param tags       tag templates; each is rendered and cleaned into a Docker tag
     * @param credential the name of the registry credential in the credential broker, if not the
     *                   default for the registry (Codeship {@code encrypted_dockercfg_path})
     */
    record Push(String name, Location location, Reference image, String to, List<TagTemplate> tags,
                Optional<String> credential, When when, Optional<Duration> timeout) implements Step {
        public Push {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(to, "to");
            tags = List.copyOf(tags);
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * Publishes a release on the git host once every earlier stage succeeded. The tag it creates is
     * remembered, so that its own tag event does not start another release (see
     * {@link Triggers.TagTrigger#includeOwnReleases()}).
     *
     * @param tag   the tag to create, a template (not cleaned: git tags may hold {@code /})
     * @param notes {@code changelog} for notes generated from the commits since the last release,
     *              or the notes themselves
     */
    record Release(String name, Location location, TagTemplate tag, String notes, When when,
                   Optional<Duration> timeout) implements Step {
        public Release {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(notes, "notes");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Steps run at the same time; the group ends when all have ended. */
    record Parallel(String name, Location location, List<Step> steps, When when, Optional<Duration> timeout)
            implements Group {
        public Parallel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            steps = List.copyOf(steps);
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** Steps run one after another; useful inside a parallel group, or to give several steps one condition. */
    record Serial(String name, Location location, List<Step> steps, When when, Optional<Duration> timeout)
            implements Group {
        public Serial {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
            steps = List.copyOf(steps);
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
