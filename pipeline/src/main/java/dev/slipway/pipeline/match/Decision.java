package dev.slipway.pipeline.match;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to do with an event, and why.
 *
 * @param verdict run, skip, or error (the pipeline has lint errors)
 * @param rule    the rule that decided: {@code on}, {@code on.push}, {@code on.push.branches},
 *                {@code on.tag}, {@code on.tag.include_own_releases}, {@code on.pull_request},
 *                {@code on.pull_request.branches}, {@code on.manual}, {@code skip.messages},
 *                {@code steps}, or {@code lint}
 * @param reason  one sentence for people, starting with "runs:", "skipped:" or "errored:"
 * @param steps   every step, depth first, with whether it matched and why not; empty when the
 *                decision was made before looking at steps
 */
public record Decision(Verdict verdict, String rule, String reason, List<StepMatch> steps) {

    /** The outcome. */
    public enum Verdict {
        RUN, SKIP, ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        steps = List.copyOf(steps);
    }

    public boolean runs() {
        return verdict == Verdict.RUN;
    }

    /** The names of the steps that matched, groups included. */
    public Set<String> matchedSteps() {
        return steps.stream().filter(StepMatch::matched).map(StepMatch::name).collect(Collectors.toUnmodifiableSet());
    }
}
