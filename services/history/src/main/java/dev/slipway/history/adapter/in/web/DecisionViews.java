package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.BuildViews.Repository;
import dev.slipway.history.domain.Decision;
import dev.slipway.history.domain.Page;
import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.DecisionRecord.StepDecision;
import dev.slipway.model.build.LintProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The JSON shapes of filtering's decisions in the history API, in lists, alone and inside a build.
 * Like {@link BuildViews}, they are a contract for scripts and the CLI, spelled out here.
 */
final class DecisionViews {

    private DecisionViews() {
    }

    /** A page of decisions; {@code nextCursor} is null on the last page. */
    record DecisionList(List<DecisionView> decisions, String nextCursor) {

        static DecisionList of(Page<Decision> page) {
            return new DecisionList(page.items().stream().map(DecisionView::of).toList(),
                    page.next().map(PageCursor::encode).orElse(null));
        }
    }

    /**
     * One decision, with every reason.
     *
     * @param verdict  {@code run}, {@code skip} or {@code error}
     * @param rule     the rule that decided, such as {@code skip.messages}
     * @param reason   one sentence starting with "runs:", "skipped:" or "errored:"
     * @param build    the build it requested; null unless the verdict is {@code run}
     * @param steps    each step, depth first, with whether it matched and why not
     * @param problems the pipeline file's lint problems; empty unless the verdict is {@code error}
     */
    record DecisionView(UUID id, String verdict, String rule, String reason, Repository repository,
                        String deliveryId, String event, String ref, String branch, String tag, String commit,
                        BuildLink build, Instant decidedAt, List<StepView> steps, List<ProblemView> problems) {

        static DecisionView of(Decision d) {
            return new DecisionView(d.id(), d.verdict().wireName(), d.rule(), d.reason(),
                    new Repository(d.repositoryId(), d.repositoryName()), d.deliveryId(), d.event(), d.ref().name(),
                    d.ref().branch().orElse(null), d.ref().tag().orElse(null), d.commitSha(),
                    d.buildId() == null ? null : new BuildLink(d.buildId(), d.buildNumber()), d.decidedAt(),
                    d.steps().stream().map(StepView::of).toList(),
                    d.problems().stream().map(ProblemView::of).toList());
        }
    }

    /** The build a decision requested: {@code GET /api/builds/{id}} shows it. */
    record BuildLink(UUID id, long number) {
    }

    /** Whether one step matched; {@code reason} says why not, and is empty when it matched. */
    record StepView(String name, boolean matched, String reason) {

        static StepView of(StepDecision s) {
            return new StepView(s.name(), s.matched(), s.reason());
        }
    }

    /** One lint problem of a broken pipeline file. */
    record ProblemView(String severity, String code, String message, String file, int line, int column,
                       String hint) {

        static ProblemView of(LintProblem p) {
            return new ProblemView(p.severity().wireName(), p.code(), p.message(), p.file(), p.line(), p.column(),
                    p.hint());
        }
    }
}
