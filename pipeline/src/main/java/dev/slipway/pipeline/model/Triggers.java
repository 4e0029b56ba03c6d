package dev.slipway.pipeline.model;

import dev.slipway.pipeline.source.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events start the pipeline at all ({@code on} in .slipway.yml). When {@code declared} is
 * false (no {@code on} written), every event type is accepted, except tags that Slipway's own
 * release step created. When it is true, only the event types present are accepted.
 *
 * @param location    where {@code on} was written, or the file's start
 * @param declared    whether the file says which events it runs on
 * @param push        push events, when accepted
 * @param tag         tag events, when accepted
 * @param pullRequest pull request events, when accepted
 * @param manual      manual builds, when accepted
 */
public record Triggers(Location location, boolean declared, Optional<PushTrigger> push, Optional<TagTrigger> tag,
                       Optional<PullRequestTrigger> pullRequest, Optional<ManualTrigger> manual) {

    public Triggers {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(manual, "manual");
    }

    /** Every event, every branch and tag, except tags created by Slipway's own releases. */
    public static Triggers undeclared(Location location) {
        return new Triggers(location, false, Optional.of(new PushTrigger(location, List.of(), false)),
                Optional.of(new TagTrigger(location, List.of(), false)),
                Optional.of(new PullRequestTrigger(location, List.of())), Optional.of(new ManualTrigger(location)));
    }

    /**
     * Push events on branches matching {@code branches} (all when empty).
     *
     * @param cancelPrevious whether a new push cancels the running build of the same branch
     */
    public record PushTrigger(Location location, List<NamePattern> branches, boolean cancelPrevious) {
        public PushTrigger {
            Objects.requireNonNull(location, "location");
            branches = List.copyOf(branches);
        }
    }

    /**
     * Tag events for tags matching {@code patterns} (all when empty).
     *
     * @param includeOwnReleases whether tags that Slipway's own release step created start a build;
     *                           false by default, which is what breaks the release loop
     */
    public record TagTrigger(Location location, List<NamePattern> patterns, boolean includeOwnReleases) {
        public TagTrigger {
            Objects.requireNonNull(location, "location");
            patterns = List.copyOf(patterns);
        }
    }

    /** Pull request events whose <em>target</em> branch matches {@code branches} (all when empty). */
    public record PullRequestTrigger(Location location, List<NamePattern> branches) {
        public PullRequestTrigger {
            Objects.requireNonNull(location, "location");
            branches = List.copyOf(branches);
        }
    }

    /** Manual builds, of any branch. */
    public record ManualTrigger(Location location) {
        public ManualTrigger {
            Objects.requireNonNull(location, "location");
        }
    }

    /** The event types accepted, in the order of {@link EventType}. */
    public List<EventType> acceptedEvents() {
        return java.util.Arrays.stream(EventType.values()).filter(e -> switch (e) {
            case PUSH -> push.isPresent();
            case TAG -> tag.isPresent();
            case PULL_REQUEST -> pullRequest.isPresent();
            case MANUAL -> manual.isPresent();
        }).toList();
    }
}
