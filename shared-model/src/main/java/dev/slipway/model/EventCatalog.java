package dev.slipway.model;

import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.CancelBuild;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one list of every event Slipway knows, with its wire name, version and topic. A new event
 * is added here, and nowhere else, for the codec and every producer and consumer to know it.
 *
 * <p>A wire name and version name one event, whatever its topic: consumers and the dead-letter
 * topics go by the {@code event-type} header alone. Two events that DESIGN.md gives the same name
 * on different topics therefore get different wire names; the forge's {@code ReleasePublished} on
 * {@code slipway.scm.events} is {@code scm.release.published}, which leaves
 * {@code release.published} to the releases service's own event on {@code slipway.releases}.
 */
public final class EventCatalog {

    public static final EventType<PushReceived> PUSH_RECEIVED =
            new EventType<>("push.received", 1, Topics.SCM_EVENTS, PushReceived.class);
    public static final EventType<TagCreated> TAG_CREATED =
            new EventType<>("tag.created", 1, Topics.SCM_EVENTS, TagCreated.class);
    public static final EventType<TagDeleted> TAG_DELETED =
            new EventType<>("tag.deleted", 1, Topics.SCM_EVENTS, TagDeleted.class);
    /** The forge's release, named apart from the releases service's {@code release.published}. */
    public static final EventType<ReleasePublished> SCM_RELEASE_PUBLISHED =
            new EventType<>("scm.release.published", 1, Topics.SCM_EVENTS, ReleasePublished.class);
    public static final EventType<PullRequestChanged> PULL_REQUEST_CHANGED =
            new EventType<>("pull_request.changed", 1, Topics.SCM_EVENTS, PullRequestChanged.class);
    public static final EventType<PingReceived> PING_RECEIVED =
            new EventType<>("ping.received", 1, Topics.SCM_EVENTS, PingReceived.class);
    public static final EventType<BuildRequested> BUILD_REQUESTED =
            new EventType<>("build.requested", 1, Topics.BUILD_TRIGGERS, BuildRequested.class);
    public static final EventType<BuildSkipped> BUILD_SKIPPED =
            new EventType<>("build.skipped", 1, Topics.BUILD_TRIGGERS, BuildSkipped.class);
    public static final EventType<BuildErrored> BUILD_ERRORED =
            new EventType<>("build.errored", 1, Topics.BUILD_TRIGGERS, BuildErrored.class);
    public static final EventType<BuildStarted> BUILD_STARTED =
            new EventType<>("build.started", 1, Topics.BUILD_EVENTS, BuildStarted.class);
    public static final EventType<StepStarted> STEP_STARTED =
            new EventType<>("step.started", 1, Topics.BUILD_EVENTS, StepStarted.class);
    public static final EventType<StepFinished> STEP_FINISHED =
            new EventType<>("step.finished", 1, Topics.BUILD_EVENTS, StepFinished.class);
    public static final EventType<ImageBuilt> IMAGE_BUILT =
            new EventType<>("image.built", 1, Topics.BUILD_EVENTS, ImageBuilt.class);
    public static final EventType<ImagePushed> IMAGE_PUSHED =
            new EventType<>("image.pushed", 1, Topics.BUILD_EVENTS, ImagePushed.class);
    public static final EventType<BuildFinished> BUILD_FINISHED =
            new EventType<>("build.finished", 1, Topics.BUILD_EVENTS, BuildFinished.class);
    public static final EventType<LogChunk> LOG_CHUNK =
            new EventType<>("log.chunk", 1, Topics.BUILD_LOGS, LogChunk.class);

    public static final EventType<CancelBuild> CANCEL_BUILD =
            new EventType<>("build.cancel", 1, Topics.BUILD_COMMANDS, CancelBuild.class);
    public static final EventType<ReleaseIntended> RELEASE_INTENDED =
            new EventType<>("release.intended", 1, Topics.RELEASES, ReleaseIntended.class);

    private static final List<EventType<?>> ALL = List.of(PUSH_RECEIVED, TAG_CREATED, TAG_DELETED,
            SCM_RELEASE_PUBLISHED, PULL_REQUEST_CHANGED, PING_RECEIVED, BUILD_REQUESTED, BUILD_SKIPPED, BUILD_ERRORED, BUILD_STARTED,
            STEP_STARTED, STEP_FINISHED, IMAGE_BUILT, IMAGE_PUSHED, BUILD_FINISHED, LOG_CHUNK, CANCEL_BUILD, RELEASE_INTENDED);

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventCatalog() {
    }

    /** Every event type, in a stable order. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The wire type of an event instance. */
    public static EventType<?> typeOf(SlipwayEvent event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not in the event catalogue");
        }
        return type;
    }

    /** The event type named {@code name} at {@code version}, if Slipway knows it. */
    public static Optional<EventType<?>> find(String name, int version) {
        return ALL.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
    }
}
