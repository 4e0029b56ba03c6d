package dev.slipway.pipeline.match;

import dev.slipway.pipeline.model.EventType;
import dev.slipway.pipeline.model.NamePattern;
import dev.slipway.pipeline.model.PatternFilter;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.model.SkipRules;
import dev.slipway.pipeline.model.Step;
import dev.slipway.pipeline.model.StepStatus;
import dev.slipway.pipeline.model.Triggers;
import dev.slipway.pipeline.model.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether an event runs a pipeline. The rules are checked in a fixed order, and the first
 * that skips decides:
 *
 * <ol>
 *   <li>{@code on}: the event type must be accepted;</li>
 *   <li>{@code on.tag.include_own_releases}: a tag that Slipway's own release created is skipped
 *       unless asked for; when asked for, its release steps never match, so that the tag is built
 *       but not released again;</li>
 *   <li>{@code skip.messages}: push and pull_request events whose commit message holds a skip
 *       token; tag and manual events are never skipped by a message;</li>
 *   <li>{@code on.push.branches}, {@code on.tag}, {@code on.pull_request.branches}: the trigger's patterns;</li>
 *   <li>{@code steps}: at least one step must match, or nothing would run; and one that matches must
 *       run while the build succeeds, since steps with {@code when.status: failure} alone would
 *       have nothing to follow.</li>
 * </ol>
 */
public final class EventMatcher {

    private static final int STEPS_NAMED_IN_REASON = 5;

    private final Event event;
    private final List<StepMatch> matches = new ArrayList<>();
    /** Matched action steps that run while the build succeeds, as opposed to only after a failure. */
    private final List<String> onSuccess = new ArrayList<>();

    private EventMatcher(Event event) {
        this.event = event;
    }

    public static Decision decide(Pipeline pipeline, Event event) {
        return new EventMatcher(event).decide(pipeline);
    }

    private Decision decide(Pipeline pipeline) {
        Triggers triggers = pipeline.triggers();
        String admittedBy;
        switch (event.type()) {
            case PUSH -> {
                if (triggers.push().isEmpty()) {
                    return notAccepted(triggers);
                }
                List<NamePattern> branches = triggers.push().get().branches();
                Optional<Decision> skipped = skippedByMessage(pipeline.skip());
                if (skipped.isPresent()) {
                    return skipped.get();
                }
                if (!branches.isEmpty() && branches.stream().noneMatch(p -> p.matches(event.branch()))) {
                    return skip("on.push.branches", "branch `" + event.branch() + "` matches none of on.push.branches ("
                            + quoted(branches) + ")");
                }
                admittedBy = branches.isEmpty() ? "on.push" : "on.push.branches";
            }
            case TAG -> {
                if (triggers.tag().isEmpty()) {
                    return notAccepted(triggers);
                }
                Triggers.TagTrigger tag = triggers.tag().get();
                if (event.ownRelease() && !tag.includeOwnReleases()) {
                    return skip("on.tag.include_own_releases", "tag `" + event.tag()
                            + "` was created by a Slipway release, and on.tag.include_own_releases is false");
                }
                if (!tag.patterns().isEmpty() && tag.patterns().stream().noneMatch(p -> p.matches(event.tag()))) {
                    return skip("on.tag", "tag `" + event.tag() + "` matches none of on.tag.pattern (" + quoted(tag.patterns())
                            + ")");
                }
                admittedBy = "on.tag";
            }
            case PULL_REQUEST -> {
                if (triggers.pullRequest().isEmpty()) {
                    return notAccepted(triggers);
                }
                List<NamePattern> branches = triggers.pullRequest().get().branches();
                Optional<Decision> skipped = skippedByMessage(pipeline.skip());
                if (skipped.isPresent()) {
                    return skipped.get();
                }
                if (!branches.isEmpty() && branches.stream().noneMatch(p -> p.matches(event.targetBranch()))) {
                    return skip("on.pull_request.branches", "target branch `" + event.targetBranch()
                            + "` matches none of on.pull_request.branches (" + quoted(branches) + ")");
                }
                admittedBy = branches.isEmpty() ? "on.pull_request" : "on.pull_request.branches";
            }
            case MANUAL -> {
                if (triggers.manual().isEmpty()) {
                    return notAccepted(triggers);
                }
                admittedBy = "on.manual";
            }
            default -> throw new IllegalStateException("unreachable");
        }
        matchSteps(pipeline.steps(), "", null, When.DEFAULT_STATUS);
        List<StepMatch> leaves = matches.stream().filter(m -> !m.kind().equals("parallel") && !m.kind().equals("serial"))
                .toList();
        long matched = leaves.stream().filter(StepMatch::matched).count();
        if (matched == 0) {
            List<StepMatch> topLevel = matches.stream().filter(m -> m.group().isEmpty()).toList();
            String why = topLevel.stream().limit(STEPS_NAMED_IN_REASON)
                    .map(m -> "step `" + m.name() + "` " + m.reason()).collect(Collectors.joining("; "));
            if (topLevel.size() > STEPS_NAMED_IN_REASON) {
                why += "; and " + (topLevel.size() - STEPS_NAMED_IN_REASON) + " more";
            }
            String sentence = "skipped: no step matches " + event.describe()
                    + (why.isEmpty() ? ": the pipeline has no steps" : ". " + Character.toUpperCase(why.charAt(0)) + why.substring(1));
            return new Decision(Decision.Verdict.SKIP, "steps", sentence, matches);
        }
        if (onSuccess.isEmpty()) {
            // A build of failure-only steps would start, find nothing failed, and stop: no executor for nothing.
            return new Decision(Decision.Verdict.SKIP, "steps", "skipped: only steps that run after a failure match "
                    + event.describe() + " (" + leaves.stream().filter(StepMatch::matched).map(m -> "`" + m.name() + "`")
                    .collect(Collectors.joining(", ")) + ")", matches);
        }
        return new Decision(Decision.Verdict.RUN, admittedBy, "runs: " + matched + " of " + leaves.size() + " steps match "
                + event.describe() + " (rule " + admittedBy + ")", matches);
    }

    private Decision notAccepted(Triggers triggers) {
        List<EventType> accepted = triggers.acceptedEvents();
        return skip("on", "the pipeline does not run on " + event.type().label() + " events; `on` accepts "
                + (accepted.isEmpty() ? "no event" : accepted.stream().map(EventType::label).collect(Collectors.joining(", "))));
    }

    private Optional<Decision> skippedByMessage(SkipRules rules) {
        Optional<String> token = SkipMessages.tokenIn(event.headCommitMessage(), rules);
        if (token.isPresent()) {
            return Optional.of(skip("skip.messages", "head commit message " + found(token.get())));
        }
        if (rules.scope() == SkipRules.Scope.ALL_COMMITS) {
            for (String message : event.commitMessages()) {
                Optional<String> inOlder = SkipMessages.tokenIn(message, rules);
                if (inOlder.isPresent()) {
                    return Optional.of(skip("skip.messages", "a commit message of the push " + found(inOlder.get())
                            + " and skip.scope is all-commits"));
                }
            }
        }
        return Optional.empty();
    }

    private static String found(String token) {
        return token.equalsIgnoreCase(SkipRules.TRAILER) ? "has the trailer `" + SkipRules.TRAILER + "`"
                : "contains `" + token + "`";
    }

    private static Decision skip(String rule, String why) {
        return new Decision(Decision.Verdict.SKIP, rule, "skipped: " + why + " (rule " + rule + ")", List.of());
    }

    /**
     * Records a match for each of {@code steps} and their children; {@code groupFailure} is why an
     * enclosing group did not match, which then holds for its steps too. Returns whether any
     * action step matched.
     */
    private boolean matchSteps(List<Step> steps, String group, String groupFailure, List<StepStatus> groupStatus) {
        boolean any = false;
        for (Step step : steps) {
            String own = groupFailure != null ? groupFailure : whyNot(step.when());
            if (own.isEmpty() && step instanceof Step.Release && event.ownRelease()) {
                // include_own_releases builds the tag; releasing it again would start the loop over.
                own = "is a release step, and tag `" + event.tag() + "` was created by Slipway's own release: "
                        + "on.tag.include_own_releases builds it, never releases it again";
            }
            String kind = kind(step);
            List<StepStatus> status = step.when().status().equals(When.DEFAULT_STATUS) ? groupStatus : step.when().status();
            if (step instanceof Step.Group g) {
                int at = matches.size();
                matches.add(null);
                String childFailure = own.isEmpty() ? null : "is in group `" + g.name() + "`, which " + own;
                if (groupFailure != null) {
                    childFailure = groupFailure;
                }
                boolean childMatched = matchSteps(g.steps(), g.name(), childFailure, status);
                String reason = !own.isEmpty() ? own : childMatched ? "" : g.steps().isEmpty() ? "holds no steps"
                        : "holds no step that matches";
                matches.set(at, new StepMatch(g.name(), group, kind, childMatched && own.isEmpty(), reason, g.location()));
                any |= childMatched && own.isEmpty();
            } else {
                matches.add(new StepMatch(step.name(), group, kind, own.isEmpty(), own, step.location()));
                any |= own.isEmpty();
                if (own.isEmpty() && status.contains(StepStatus.SUCCESS)) {
                    onSuccess.add(step.name());
                }
            }
        }
        return any;
    }

    private static String kind(Step step) {
        return switch (step) {
            case Step.Run r -> "run";
            case Step.Push p -> "push";
            case Step.Release r -> "release";
            case Step.Parallel p -> "parallel";
            case Step.Serial s -> "serial";
        };
    }

    /** Why {@code when} does not hold for the event, in words, or empty when it holds. */
    private String whyNot(When when) {
        List<String> reasons = new ArrayList<>();
        if (!when.events().isEmpty() && !when.events().contains(event.type())) {
            reasons.add("requires event " + when.events().stream().map(e -> "`" + e.label() + "`")
                    .collect(Collectors.joining(" or ")));
        }
        filter(when.branch(), event.type() == EventType.TAG ? "" : event.branch(), "branch", reasons);
        filter(when.tag(), event.tag(), "tag", reasons);
        filter(when.ref(), event.type() == EventType.TAG ? event.tag() : event.branch(), "branch or tag", reasons);
        boolean pathsKnown = event.type() == EventType.PUSH || event.type() == EventType.PULL_REQUEST;
        if (pathsKnown && !when.paths().isEmpty() && event.changedPaths().stream().noneMatch(when.paths()::admits)) {
            reasons.add("requires a changed path " + (when.paths().include().isEmpty() ? "outside "
                    + alternatives(when.paths().exclude(), " and ") : "matching " + alternatives(when.paths().include(), " or ")
                    + (when.paths().exclude().isEmpty() ? "" : " and none of " + alternatives(when.paths().exclude(), " or "))));
        }
        return String.join(" and ", reasons);
    }

    private static void filter(PatternFilter filter, String name, String what, List<String> reasons) {
        if (filter.admits(name)) {
            return;
        }
        if (filter.failsInclude(name)) {
            reasons.add("requires " + what + " " + alternatives(filter.include(), " or "));
        } else {
            reasons.add("excludes " + what + " " + alternatives(filter.exclude().stream().filter(p -> p.matches(name)).toList(),
                    " and "));
        }
    }

    private static String alternatives(List<NamePattern> patterns, String separator) {
        return patterns.stream().map(p -> "`" + p.text() + "`").collect(Collectors.joining(separator));
    }

    private static String quoted(List<NamePattern> patterns) {
        return alternatives(patterns, ", ");
    }
}
