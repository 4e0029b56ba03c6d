package dev.slipway.filtering.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells a tag or release that Slipway's own release step made from one anyone else made, from
 * facts that the event carries or that filtering has already stored, so that the order in which
 * the host's webhooks and Slipway's own messages arrive does not matter. Three facts attribute a
 * tag to Slipway, strongest first:
 *
 * <ol>
 *   <li>a {@code ReleaseIntended} record names the tag (the releases service publishes it before it
 *       calls the host);</li>
 *   <li>the release notes carry Slipway's marker with a build id ({@code ReleaseMarker});</li>
 *   <li>the event was sent by the identity the repository's releases are published with.</li>
 * </ol>
 *
 * <p>The first two name the build. The third does not; the build is then named by the plan that
 * filtering compiled for it, when a build's plan releases that tag, and otherwise said to be not
 * known yet. Pure: no I/O, thread-safe.
 */
public final class LoopGuard {

    /** The rule of the decisions the guard makes. */
    public static final String RULE = "loop-guard";

    private LoopGuard() {
    }

    /** A build as far as it is known: its id, and its number when known (0 when not). */
    public record BuildRef(UUID id, long number) {
        public BuildRef {
            Objects.requireNonNull(id, "id");
        }

        String describe() {
            return number > 0 ? "build #" + number + " (" + id + ")" : "build " + id;
        }
    }

    /**
     * What is known about one tag event.
     *
     * @param tag             the tag
     * @param sender          who sent the event, or {@code null}
     * @param releaseIdentity the login the repository's releases are published with, when declared
     * @param intended        the build whose {@code ReleaseIntended} names the tag, if one does
     * @param marked          the build the release notes' marker names, if the event has notes with one
     * @param planned         the latest build whose plan releases the tag, if any
     */
    public record Facts(String tag, String sender, Optional<String> releaseIdentity, Optional<BuildRef> intended,
                        Optional<BuildRef> marked, Optional<BuildRef> planned) {
        public Facts {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(releaseIdentity, "releaseIdentity");
            Objects.requireNonNull(intended, "intended");
            Objects.requireNonNull(marked, "marked");
            Objects.requireNonNull(planned, "planned");
        }
    }

    /** Why a tag is Slipway's own. */
    public enum Evidence { INTENDED, MARKER, SENDER }

    /**
     * A tag attributed to Slipway's release.
     *
     * @param tag      the tag
     * @param build    the build that released it, when known
     * @param evidence the strongest fact that attributed it
     * @param sender   who sent the event
     */
    public record OwnRelease(String tag, Optional<BuildRef> build, Evidence evidence, String sender) {

        /** The decision in words, naming the tag, the build (or that it is not known yet) and the guard. */
        public String reason() {
            String head = "skipped: tag " + tag + " was created by Slipway's release";
            return switch (evidence) {
                case INTENDED -> head + " for " + build.orElseThrow().describe() + " (loop guard)";
                case MARKER -> head + " for " + build.orElseThrow().describe()
                        + ", as the marker in its release notes says (loop guard)";
                case SENDER -> build.map(b -> head + " for " + b.describe() + ": it was sent by `" + sender
                                + "`, the identity this repository's releases are published with, and that build's plan "
                                + "releases this tag; its ReleaseIntended record has not arrived yet (loop guard)")
                        .orElse(head + ": it was sent by `" + sender + "`, the identity this repository's releases are "
                                + "published with; which build released it is not known yet, as no ReleaseIntended "
                                + "record and no build's plan names the tag (loop guard)");
            };
        }
    }

    /** The release that made the tag, when the facts say it is Slipway's own. */
    public static Optional<OwnRelease> attribute(Facts facts) {
        if (facts.intended().isPresent()) {
            return Optional.of(new OwnRelease(facts.tag(), facts.intended(), Evidence.INTENDED, facts.sender()));
        }
        if (facts.marked().isPresent()) {
            return Optional.of(new OwnRelease(facts.tag(), facts.marked(), Evidence.MARKER, facts.sender()));
        }
        if (facts.sender() != null && facts.releaseIdentity().filter(facts.sender()::equalsIgnoreCase).isPresent()) {
            return Optional.of(new OwnRelease(facts.tag(), facts.planned(), Evidence.SENDER, facts.sender()));
        }
        return Optional.empty();
    }
}
