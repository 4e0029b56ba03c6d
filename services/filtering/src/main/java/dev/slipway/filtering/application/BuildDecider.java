package dev.slipway.filtering.application;

import dev.slipway.filtering.application.port.in.DecideOnScmEvent;
import dev.slipway.filtering.application.port.in.NoteBuildFinished;
import dev.slipway.filtering.application.port.in.RecordIntendedRelease;
import dev.slipway.filtering.application.port.out.BuildCommands;
import dev.slipway.filtering.application.port.out.DecisionMetrics;
import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.application.port.out.OwnReleases;
import dev.slipway.filtering.application.port.out.PipelineSource;
import dev.slipway.filtering.application.port.out.ReleaseIdentities;
import dev.slipway.filtering.application.port.out.TriggerPublisher;
import dev.slipway.filtering.domain.Decision;
import dev.slipway.filtering.domain.LoopGuard;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.CancelBuild;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import dev.slipway.model.release.ReleaseIntended;
import dev.slipway.model.release.ReleaseMarker;
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
import dev.slipway.pipeline.model.Triggers;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.plan.PlanJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides about SCM events with the repository's pipeline file at the event's commit: a push of a
 * live branch or tag builds, is skipped, or errors, as the pipeline library decides, and the
 * decision is announced with every reason. Only builds take a number.
 *
 * <p>Before the pipeline decides a tag, the {@link LoopGuard} asks whether Slipway's own release
 * made it; such a tag is skipped unless the pipeline says {@code on.tag.include_own_releases}, and
 * then it is built without its release steps. A tag's {@code create} event and the host's release
 * event never build: the tag's push does, so they are recorded as skipped, by the loop guard when
 * the tag is Slipway's own. A pull request builds its head commit under {@code on.pull_request}
 * ({@code decidePullRequest}). A deleted ref has nothing to build, and pings nothing to decide.
 */
public final class BuildDecider implements DecideOnScmEvent, RecordIntendedRelease, NoteBuildFinished {

    /** The rule of decisions made before any pipeline was read. */
    public static final String PIPELINE_FILE_RULE = "pipeline-file";
    /** The rule of a tag's {@code create} and release events that are not Slipway's own: the tag's push builds. */
    public static final String TAG_EVENTS_RULE = "tag-events";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    /** What a commit is called when none is known: git's null SHA, as hosts use it for a ref that has no commit. */
    private static final String NO_COMMIT = "0".repeat(40);

    private final DecisionStore decisions;
    private final TriggerPublisher triggers;
    private final BuildCommands commands;
    private final PipelineSource source;
    private final LoadedPipelines pipelines;
    private final OwnReleases ownReleases;
    private final ReleaseIdentities identities;
    private final DecisionMetrics metrics;
    private final Clock clock;
    private final Supplier<UUID> buildIds;

    public BuildDecider(DecisionStore decisions, TriggerPublisher triggers, BuildCommands commands, PipelineSource source,
                        OwnReleases ownReleases, ReleaseIdentities identities, DecisionMetrics metrics,
                        int pipelineCacheSize, Clock clock, Supplier<UUID> buildIds) {
        this.decisions = decisions;
        this.triggers = triggers;
        this.commands = commands;
        this.source = source;
        this.pipelines = new LoadedPipelines(source, metrics, pipelineCacheSize);
        this.ownReleases = ownReleases;
        this.identities = identities;
        this.metrics = metrics;
        this.clock = clock;
        this.buildIds = buildIds;
    }

    @Override
    public Optional<Decision> decide(ScmEvent event, Envelope envelope) {
        return switch (event) {
            case PushReceived push when !push.deleted() -> Optional.of(decideOnce(Subject.of(push), envelope,
                    subject -> decidePush(push, subject)));
            case TagCreated created -> Optional.of(decideOnce(Subject.of(created), envelope,
                    subject -> decideTagEvent(subject, created.tag(), created.sender(), null, created.sha(),
                            "the creation of tag `" + created.tag() + "`")));
            case ReleasePublished release -> Optional.of(decideOnce(Subject.of(release), envelope,
                    subject -> decideTagEvent(subject, release.tag(), release.sender(), release.body(),
                            release.target(), "the release of tag `" + release.tag() + "` (" + release.action() + ")")));
            case PullRequestChanged request -> Optional.of(decideOnce(Subject.of(request), envelope,
                    subject -> decidePullRequest(request, subject)));
            case PushReceived _, TagDeleted _, PingReceived _ -> Optional.empty();
        };
    }

    @Override
    public Optional<Decision> unreachable(ScmEvent event, Envelope envelope, int attempts, String gitMessage) {
        Optional<Subject> subject = switch (event) {
            case PushReceived push when !push.deleted() -> Optional.of(Subject.of(push));
            case TagCreated created -> Optional.of(Subject.of(created));
            case ReleasePublished release -> Optional.of(Subject.of(release));
            case PullRequestChanged request -> Optional.of(Subject.of(request));
            case PushReceived _, TagDeleted _, PingReceived _ -> Optional.empty();
        };
        return subject.map(s -> decideOnce(s, envelope, known -> error(known, new DecisionRecord(
                DecisionRecord.Verdict.ERROR, PIPELINE_FILE_RULE, "errored: repository " + known.cloneUrl()
                + " could not be reached after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
                + gitMessage, List.of()), List.of())));
    }

    @Override
    public void finished(BuildFinished finished) {
        decisions.finished(finished.buildId(), finished.finishedAt());
    }

    @Override
    public void recordIntended(ReleaseIntended intended) {
        ownReleases.recordIntended(intended);
    }

    /** Where an event comes from and what it concerns, as decisions and their announcements need it. */
    private record Subject(String repositoryId, String repositoryName, String deliveryId, String cloneUrl,
                           String event, String ref, String commitSha) {

        static Subject of(PushReceived push) {
            return new Subject(push.repositoryId(), push.repositoryName(), push.deliveryId(), push.cloneUrl(),
                    push.tag() != null ? "tag" : "push", push.ref(), push.after());
        }

        static Subject of(TagCreated created) {
            return new Subject(created.repositoryId(), created.repositoryName(), created.deliveryId(),
                    created.cloneUrl(), "tag", created.ref(), created.sha());
        }

        static Subject of(ReleasePublished release) {
            return new Subject(release.repositoryId(), release.repositoryName(), release.deliveryId(),
                    release.cloneUrl(), "release", release.ref(), null);
        }

        /** A pull request is built at its head commit, named by the ref the host keeps for it in the repository. */
        static Subject of(PullRequestChanged request) {
            return new Subject(request.repositoryId(), request.repositoryName(), request.deliveryId(),
                    request.cloneUrl(), "pull_request", PullRequests.headRef(request), request.headSha());
        }

        Subject at(String commit) {
            return new Subject(repositoryId, repositoryName, deliveryId, cloneUrl, event, ref, commit);
        }
    }

    /**
     * A decision, with the plan when it builds and the subject as finally known; {@code cancelPrevious}
     * when the build supersedes the branch's earlier ones ({@code on.push.cancel_previous}).
     */
    private record Made(Decision decision, JsonNode plan, Subject subject, boolean cancelPrevious) {
        Made(Decision decision, JsonNode plan, Subject subject) {
            this(decision, plan, subject, false);
        }
    }

    private Decision decideOnce(Subject subject, Envelope envelope, java.util.function.Function<Subject, Made> decider) {
        return decisions.findByDelivery(subject.repositoryId(), subject.deliveryId()).orElseGet(() -> {
            long started = System.nanoTime();
            Made made = decider.apply(subject);
            Decision decision = made.decision();
            decisions.save(decision);
            publish(made, envelope);
            if (made.cancelPrevious()) {
                cancelSuperseded(decision, envelope);
            }
            metrics.decided(decision.outcome().name().toLowerCase(Locale.ROOT), decision.rule(),
                    Duration.ofNanos(System.nanoTime() - started));
            return decision;
        });
    }

    private Made decidePush(PushReceived push, Subject subject) {
        Event event = PushEvents.of(push);
        Optional<LoopGuard.OwnRelease> own = push.tag() == null ? Optional.empty()
                : guard(push.repositoryId(), push.tag(), push.sender(), null);
        return switch (pipelines.atPush(push)) {
            case LoadedPipelines.Missing _ -> own.map(o -> loopGuard(subject, o)).orElseGet(() -> noPipelineFile(subject));
            case LoadedPipelines.Unreadable unreadable -> unreadable(subject, unreadable);
            case LoadedPipelines.Found found -> {
                if (own.isEmpty()) {
                    yield decideWith(found.loaded(), subject, event);
                }
                boolean included = found.loaded().pipeline().flatMap(p -> p.triggers().tag())
                        .map(Triggers.TagTrigger::includeOwnReleases).orElse(false);
                yield included ? decideWith(found.loaded(), subject, event.asOwnRelease()) : loopGuard(subject, own.get());
            }
        };
    }

    /**
     * A pull request builds its head commit when it was opened, got new commits or was reopened,
     * as {@code on.pull_request} decides; its other actions are recorded as skipped. The head
     * commit is read from the repository itself, never from a fork: a fork's head is there when the
     * host keeps it under the request's ref (GitHub and Gitea {@code refs/pull/<n>/head}, GitLab
     * {@code refs/merge-requests/<n>/head}, all fetched into the mirror), and otherwise the request
     * is skipped.
     */
    private Made decidePullRequest(PullRequestChanged request, Subject subject) {
        if (!PullRequests.builds(request.action())) {
            return skip(subject, new DecisionRecord(DecisionRecord.Verdict.SKIP, PullRequests.ACTION_RULE,
                    "skipped: pull request #" + request.number() + " was " + request.action() + "; only "
                    + PullRequests.BUILDING + " build (rule " + PullRequests.ACTION_RULE + ")", List.of()));
        }
        return switch (pipelines.at(request.repositoryId(), request.cloneUrl(), request.headSha())) {
            case LoadedPipelines.Missing _ -> noPipelineFile(subject);
            case LoadedPipelines.Unreadable unreadable when request.fromFork() -> skip(subject, new DecisionRecord(
                    DecisionRecord.Verdict.SKIP, PullRequests.FORK_RULE, "skipped: pull request #" + request.number()
                    + " comes from the fork " + request.sourceCloneUrl() + " and its head commit "
                    + shortSha(request.headSha()) + " is not in " + request.cloneUrl() + " (Slipway builds a fork's "
                    + "changes only from the repository's own " + subject.ref() + ", never by cloning the fork)",
                    List.of()));
            case LoadedPipelines.Unreadable unreadable -> unreadable(subject, unreadable);
            case LoadedPipelines.Found found -> decideWith(found.loaded(), subject, PullRequests.event(request));
        };
    }

    private Made noPipelineFile(Subject subject) {
        return skip(subject, new DecisionRecord(DecisionRecord.Verdict.SKIP, PIPELINE_FILE_RULE, "skipped: commit "
                + shortSha(subject.commitSha()) + " has no pipeline file (looked for " + PipelineFiles.LOOKED_FOR
                + ")", List.of()));
    }

    private Made unreadable(Subject subject, LoadedPipelines.Unreadable unreadable) {
        return error(subject, new DecisionRecord(DecisionRecord.Verdict.ERROR, PIPELINE_FILE_RULE,
                "errored: the pipeline file at commit " + shortSha(subject.commitSha()) + " could not be read: "
                + unreadable.reason(), List.of()), List.of());
    }

    /** A tag's {@code create} or the host's release: never a build, as the tag's push is what builds. */
    private Made decideTagEvent(Subject subject, String tag, String sender, String notes, String commitHint,
                                String described) {
        Optional<LoopGuard.OwnRelease> own = guard(subject.repositoryId(), tag, sender, notes);
        String commit = commitOf(subject, tag, commitHint);
        Subject known = subject.at(commit);
        return own.map(o -> loopGuard(known, o)).orElseGet(() -> skip(known, new DecisionRecord(
                DecisionRecord.Verdict.SKIP, TAG_EVENTS_RULE, "skipped: " + described + " does not build; "
                + "the tag's push does (rule " + TAG_EVENTS_RULE + ")", List.of())));
    }

    private String commitOf(Subject subject, String tag, String hint) {
        if (hint != null && SHA.matcher(hint).matches()) {
            return hint;
        }
        return ownReleases.commitOf(subject.repositoryId(), tag)
                .or(() -> source.tagCommit(subject.repositoryId(), subject.cloneUrl(), tag))
                .orElse(NO_COMMIT);
    }

    private Optional<LoopGuard.OwnRelease> guard(String repositoryId, String tag, String sender, String notes) {
        return LoopGuard.attribute(new LoopGuard.Facts(tag, sender, identities.of(repositoryId),
                ownReleases.intended(repositoryId, tag),
                ReleaseMarker.in(notes).map(id -> ownReleases.build(repositoryId, id)),
                ownReleases.planned(repositoryId, tag)));
    }

    private Made loopGuard(Subject subject, LoopGuard.OwnRelease own) {
        return skip(subject, new DecisionRecord(DecisionRecord.Verdict.SKIP, LoopGuard.RULE, own.reason(), List.of()));
    }

    private Made decideWith(Pipelines.Loaded loaded, Subject subject, Event event) {
        dev.slipway.pipeline.match.Decision decided = Pipelines.decide(loaded, event);
        List<LintProblem> problems = loaded.problems().stream().map(BuildDecider::problem).toList();
        return switch (decided.verdict()) {
            case SKIP -> skip(subject, record(decided));
            case ERROR -> error(subject, record(decided), problems);
            case RUN -> build(loaded, subject, event, problems);
        };
    }

    private Made build(Pipelines.Loaded loaded, Subject subject, Event event, List<LintProblem> problems) {
        long number = decisions.nextBuildNumber(subject.repositoryId());
        UUID buildId = buildIds.get();
        String name = subject.repositoryName();
        int slash = name.lastIndexOf('/');
        PlanContext context = new PlanContext(buildId.toString(), number, clock.instant(),
                slash < 0 ? "" : name.substring(0, slash), name.substring(slash + 1));
        Pipelines.PlanResult planned = Pipelines.plan(loaded, event, context);
        BuildPlan plan = planned.plan().orElseThrow();
        JsonNode json = JSON.readTree(PlanJson.render(plan));
        List<String> releaseTags = plan.releases().stream().map(BuildPlan.ReleaseStep::tag).toList();
        return new Made(new Decision(subject.repositoryId(), subject.deliveryId(), Decision.Outcome.BUILD, buildId,
                number, event.type().label(), subject.ref(), subject.commitSha(), record(planned.decision()), problems,
                clock.instant(), releaseTags), json, subject, plan.cancelPrevious());
    }

    /**
     * Cancels the builds of the same branch that filtering requested earlier and has not seen
     * finish (no {@code BuildFinished} yet) or cancelled before: queued or running, each is
     * superseded by the new one.
     */
    private void cancelSuperseded(Decision build, Envelope envelope) {
        for (Decision earlier : decisions.supersede(build.repositoryId(), build.ref(), build.buildNumber(), build.buildId())) {
            commands.send(new CancelBuild(earlier.buildId(), earlier.repositoryId(), "superseded by build #"
                    + build.buildNumber(), build.buildId()), envelope);
        }
    }

    private Made skip(Subject subject, DecisionRecord record) {
        return new Made(new Decision(subject.repositoryId(), subject.deliveryId(), Decision.Outcome.SKIP, null, 0,
                subject.event(), subject.ref(), subject.commitSha(), record, List.of(), clock.instant(), List.of()),
                null, subject);
    }

    private Made error(Subject subject, DecisionRecord record, List<LintProblem> problems) {
        return new Made(new Decision(subject.repositoryId(), subject.deliveryId(), Decision.Outcome.ERROR, null, 0,
                subject.event(), subject.ref(), subject.commitSha(), record, problems, clock.instant(), List.of()),
                null, subject);
    }

    private void publish(Made made, Envelope envelope) {
        Decision d = made.decision();
        Subject s = made.subject();
        switch (d.outcome()) {
            case BUILD -> triggers.publish(new BuildRequested(d.buildId(), s.repositoryId(), s.repositoryName(),
                    d.buildNumber(), s.cloneUrl(), s.commitSha(), s.ref(), d.event(), s.deliveryId(),
                    d.record(), made.plan()), envelope);
            case SKIP -> triggers.publish(new BuildSkipped(s.repositoryId(), s.repositoryName(),
                    s.deliveryId(), d.event(), s.ref(), s.commitSha(), d.record()), envelope);
            case ERROR -> triggers.publish(new BuildErrored(s.repositoryId(), s.repositoryName(),
                    s.deliveryId(), d.event(), s.ref(), s.commitSha(), d.record(), d.problems()), envelope);
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
