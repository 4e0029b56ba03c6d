package dev.slipway.filtering.application;

import dev.slipway.filtering.application.port.in.DecideOnScmEvent;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import dev.slipway.filtering.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.ScmEvent;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides about SCM events. Until the pipeline language arrives, every push of a live branch or
 * tag builds: the decision's reason says so, so that history shows why each build ran. A deleted
 * ref has nothing to build, and the other SCM events get their meaning with skip rules and the
 * loop guard, so they get no decision yet.
 */
public final class BuildDecider implements DecideOnScmEvent {

    private final DecisionStore decisions;
    private final TriggerPublisher triggers;
    private final Clock clock;
    private final Supplier<UUID> buildIds;

    public BuildDecider(DecisionStore decisions, TriggerPublisher triggers, Clock clock, Supplier<UUID> buildIds) {
        this.decisions = decisions;
        this.triggers = triggers;
        this.clock = clock;
        this.buildIds = buildIds;
    }

    @Override
    public Optional<Decision> decide(ScmEvent event, Envelope envelope) {
        return switch (event) {
            case PushReceived push when !push.deleted() -> Optional.of(decideOnce(push, envelope));
            case PushReceived _, TagCreated _, TagDeleted _, ReleasePublished _, PullRequestChanged _, PingReceived _ ->
                    Optional.empty();
        };
    }

    private Decision decideOnce(PushReceived push, Envelope envelope) {
        return decisions.findByDelivery(push.repositoryId(), push.deliveryId())
                .orElseGet(() -> build(push, envelope));
    }

    private Decision build(PushReceived push, Envelope envelope) {
        long number = decisions.nextBuildNumber(push.repositoryId());
        UUID buildId = buildIds.get();
        String what = push.branch() != null ? "branch " + push.branch() : "tag " + push.tag();
        Decision decision = new Decision(push.repositoryId(), push.deliveryId(), Decision.Outcome.BUILD, buildId,
                number, "build: push to " + what + " (every push builds until the repository has a pipeline file)",
                clock.instant());
        decisions.save(decision);
        triggers.publish(new BuildRequested(buildId, push.repositoryId(), push.repositoryName(), number,
                push.cloneUrl(), push.after(), push.ref(), "push", push.deliveryId()), envelope);
        return decision;
    }
}
