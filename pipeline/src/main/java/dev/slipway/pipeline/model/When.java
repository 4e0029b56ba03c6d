package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.List;
import java.util.Objects;

/**
 * The conditions under which a step (or a group) runs. All given conditions must hold; an empty
 * condition holds always.
 *
 * @param location where the {@code when} was written, or the step's place when it has none
 * @param events   the event types it runs on; empty for all
 * @param branch   the branch of a push, pull request (its source branch) or manual build; a tag
 *                 event has no branch, so a non-empty filter fails it
 * @param tag      the tag of a tag event; other events have no tag, so a non-empty filter fails them
 * @param ref      the branch <em>or</em> the tag, whichever the event has: Codeship's {@code tag:}
 *                 and {@code exclude:} step filters map here; native files do not write it
 * @param paths    changed paths: at least one must pass. Applied only to push and pull_request
 *                 events, which carry changed paths; tag and manual events pass it
 * @param status   the build states it runs in: {@code [success]} by default, decided while running
 */
public record When(Location location, List<EventType> events, PatternFilter branch, PatternFilter tag,
                   PatternFilter ref, PatternFilter paths, List<StepStatus> status) {

    public static final List<StepStatus> DEFAULT_STATUS = List.of(StepStatus.SUCCESS);

    public When {
        Objects.requireNonNull(location, "location");
        events = List.copyOf(events);
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(paths, "paths");
        status = status.isEmpty() ? DEFAULT_STATUS : List.copyOf(status);
    }

    /** No condition: runs on every event while the build succeeds. */
    public static When always(Location location) {
        return new When(location, List.of(), PatternFilter.ANY, PatternFilter.ANY, PatternFilter.ANY, PatternFilter.ANY,
                DEFAULT_STATUS);
    }

    /** Whether nothing but the default status is asked for. */
    public boolean isAlways() {
        return events.isEmpty() && branch.isEmpty() && tag.isEmpty() && ref.isEmpty() && paths.isEmpty()
                && status.equals(DEFAULT_STATUS);
    }
}
