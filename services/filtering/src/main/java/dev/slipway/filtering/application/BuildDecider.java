package dev.slipway.filtering.application;

import dev.slipway.filtering.application.port.in.DecideOnScmEvent;
import dev.slipway.filtering.application.port.out.DecisionMetrics;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import dev.slipway.filtering.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.ScmEvent;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import dev.slipway.pipeline.PipelineFiles;
import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.plan.PlanJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides about SCM events with the repository's pipeline file at the pushed commit: a push of a
 * live branch or tag builds, is skipped, or errors, as the pipeline library decides, and the
 * decision is announced with every reason. Only builds take a number. A deleted ref has nothing
 * to build, and the other SCM events get their meaning with the loop guard and pull requests, so
 * they get no decision yet.
 */
public final class BuildDecider implements DecideOnScmEvent {

    /** The rule of decisions made before any pipeline was read. */
    public static final String PIPELINE_FILE_RULE = "pipeline-file";

    private static final JsonMapper JSON = JsonMapper.shared();

    private final DecisionStore decisions;
    private final TriggerPublisher triggers;
    private final LoadedPipelines pipelines;
    private final DecisionMetrics metrics;
    private final Clock clock;
    private final Supplier<UUID> buildIds;

    public BuildDecider(DecisionStore decisions, TriggerPublisher triggers, PipelineSource source,
                        DecisionMetrics metrics, int pipelineCacheSize, Clock clock, Supplier<UUID> buildIds) {
        this.decisions = decisions;
        this.triggers = triggers;
        this.pipelines = new LoadedPipelines(source, metrics, pipelineCacheSize);
        this.metrics = metrics;
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
                .orElseGet(() -> decideNew(push, envelope));
    }

    private Decision decideNew(PushReceived push, Envelope envelope) {
        long started = System.nanoTime();
        Event event = PushEvents.of(push);
        Made made = switch (pipelines.at(push.repositoryId(), push.cloneUrl(), push.after())) {
            case LoadedPipelines.Missing _ -> skip(push, event, new DecisionRecord(DecisionRecord.Verdict.SKIP,
                    PIPELINE_FILE_RULE, "skipped: commit " + shortSha(push.after()) + " has no pipeline file (looked for "
                    + PipelineFiles.LOOKED_FOR + ")", List.of()));
            case LoadedPipelines.Unreadable unreadable -> error(push, event, new DecisionRecord(
                    DecisionRecord.Verdict.ERROR, PIPELINE_FILE_RULE, "errored: the pipeline file at commit "
                    + shortSha(push.after()) + " could not be read: " + unreadable.reason(), List.of()), List.of());
            case LoadedPipelines.Found found -> decideWith(found.loaded(), push, event);
        };
        Decision decision = made.decision();
        decisions.save(decision);
        publish(made, push, envelope);
        metrics.decided(decision.outcome().name().toLowerCase(Locale.ROOT), decision.rule(),
                Duration.ofNanos(System.nanoTime() - started));
        return decision;
    }

    /** A decision, with the plan when it builds. */
    private record Made(Decision decision, JsonNode plan) {
    }

    private Made decideWith(Pipelines.Loaded loaded, PushReceived push, Event event) {
        dev.slipway.pipeline.match.Decision decided = Pipelines.decide(loaded, event);
        List<LintProblem> problems = loaded.problems().stream().map(BuildDecider::problem).toList();
        return switch (decided.verdict()) {
            case SKIP -> skip(push, event, record(decided));
            case ERROR -> error(push, event, record(decided), problems);
            case RUN -> build(loaded, push, event, problems);
        };
    }

    private Made build(Pipelines.Loaded loaded, PushReceived push, Event event, List<LintProblem> problems) {
        long number = decisions.nextBuildNumber(push.repositoryId());
        UUID buildId = buildIds.get();
        String name = push.repositoryName();
        int slash = name.lastIndexOf('/');
        PlanContext context = new PlanContext(buildId.toString(), number, clock.instant(),
                slash < 0 ? "" : name.substring(0, slash), name.substring(slash + 1));
        Pipelines.PlanResult planned = Pipelines.plan(loaded, event, context);
        JsonNode plan = JSON.readTree(PlanJson.render(planned.plan().orElseThrow()));
        return new Made(new Decision(push.repositoryId(), push.deliveryId(), Decision.Outcome.BUILD, buildId, number,
                event.type().label(), push.ref(), push.after(), record(planned.decision()), problems,
                clock.instant()), plan);
    }

    private Made skip(PushReceived push, Event event, DecisionRecord record) {
        return new Made(new Decision(push.repositoryId(), push.deliveryId(), Decision.Outcome.SKIP, null, 0,
                event.type().label(), push.ref(), push.after(), record, List.of(), clock.instant()), null);
    }

    private Made error(PushReceived push, Event event, DecisionRecord record, List<LintProblem> problems) {
        return new Made(new Decision(push.repositoryId(), push.deliveryId(), Decision.Outcome.ERROR, null, 0,
                event.type().label(), push.ref(), push.after(), record, problems, clock.instant()), null);
    }

    private void publish(Made made, PushReceived push, Envelope envelope) {
        Decision d = made.decision();
        switch (d.outcome()) {
            case BUILD -> triggers.publish(new BuildRequested(d.buildId(), push.repositoryId(), push.repositoryName(),
                    d.buildNumber(), push.cloneUrl(), push.after(), push.ref(), d.event(), push.deliveryId(),
                    d.record(), made.plan()), envelope);
            case SKIP -> triggers.publish(new BuildSkipped(push.repositoryId(), push.repositoryName(),
                    push.deliveryId(), d.event(), push.ref(), push.after(), d.record()), envelope);
            case ERROR -> triggers.publish(new BuildErrored(push.repositoryId(), push.repositoryName(),
                    push.deliveryId(), d.event(), push.ref(), push.after(), d.record(), d.problems()), envelope);
        }
    }

    static DecisionRecord record(dev.slipway.pipeline.match.Decision decision) {
        return new DecisionRecord(DecisionRecord.Verdict.valueOf(decision.verdict().name()), decision.rule(),
                decision.reason(), decision.steps().stream()
                .map(s -> new DecisionRecord.StepDecision(s.name(), s.matched(), s.reason()))
                .toList());
    }

    static LintProblem problem(Problem p) {
        return new LintProblem(LintProblem.Severity.valueOf(p.severity().name()), p.code(), p.message(),
                p.location().file(), p.location().line(), p.location().column(), p.hint());
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
