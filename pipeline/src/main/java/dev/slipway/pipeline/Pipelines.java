package dev.slipway.pipeline;

import dev.slipway.pipeline.format.codeship.CodeshipReader;
import dev.slipway.pipeline.format.slipway.SlipwayFormat;
import dev.slipway.pipeline.lint.LintCode;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.lint.rules.PipelineLint;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.match.EventMatcher;
import dev.slipway.pipeline.model.Pipeline;
import dev.slipway.pipeline.plan.BuildPlan;
import dev.slipway.pipeline.plan.PlanCompiler;
import dev.slipway.pipeline.plan.PlanContext;
import dev.slipway.pipeline.plan.PlanJson;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's front door: load files into a model with its problems, decide what an event does,
 * and plan the build. Filtering, execution and the CLI call only this; all methods are pure and
 * thread-safe, and none throws for anything a pipeline file says.
 */
public final class Pipelines {

    private Pipelines() {
    }

    /**
     * A pipeline as loaded: the model, when the files could be read far enough to make one, and
     * every problem found (syntax, structure and meaning), in file order per stage.
     */
    public record Loaded(Optional<Pipeline> pipeline, List<Problem> problems) {
        public Loaded {
            Objects.requireNonNull(pipeline, "pipeline");
            problems = List.copyOf(problems);
        }

        /** Whether the pipeline may run: it was read, and no problem is an error. */
        public boolean isRunnable() {
            return pipeline.isPresent() && errors().isEmpty();
        }

        public List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }

        public List<Problem> warnings() {
            return problems.stream().filter(p -> !p.isError()).toList();
        }
    }

    /**
     * The result of planning an event.
     *
     * @param decision what to do, and why
     * @param plan     the build, when the decision is to run
     * @param problems every problem of the pipeline; warnings are also inside the plan
     */
    public record PlanResult(Decision decision, Optional<BuildPlan> plan, List<Problem> problems) {
        public PlanResult {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(plan, "plan");
            problems = List.copyOf(problems);
        }

        /** The stable JSON form used by golden files and {@code slipway plan --format json}. */
        public String toJson() {
            return PlanJson.render(decision, plan, problems);
        }
    }

    /** Loads one file. */
    public static Loaded load(String name, String text) {
        return load(List.of(new PipelineFile(name, text)));
    }

    /**
     * Loads a pipeline from its files: either one {@code .slipway.yml} (any name that is not a
     * Codeship one is read as native), or Codeship Pro's {@code codeship-services.yml} and
     * {@code codeship-steps.yml} (or their {@code .json} forms), which read into the same model.
     * Where both kinds are given, the Codeship files are read and the others reported.
     */
    public static Loaded load(List<PipelineFile> files) {
        List<Problem> problems = new ArrayList<>();
        if (files.stream().anyMatch(PipelineFile::isCodeship)) {
            for (PipelineFile file : files) {
                if (!file.isCodeship()) {
                    problems.add(LintCode.FORMAT_UNSUPPORTED.at(Location.startOf(file.name()), "`" + file.name()
                            + "` is not read: this pipeline is given as Codeship Pro files", "keep one format"));
                }
            }
            CodeshipReader.Read read = CodeshipReader.read(files.stream().filter(PipelineFile::isCodeship)
                    .map(f -> new CodeshipReader.Source(f.name(), f.text())).toList());
            problems.addAll(read.problems());
            read.pipeline().ifPresent(p -> problems.addAll(PipelineLint.check(p)));
            return new Loaded(read.pipeline(), problems);
        }
        Optional<PipelineFile> nativeFile = files.stream().findFirst();
        for (PipelineFile file : files.subList(Math.min(1, files.size()), files.size())) {
            problems.add(LintCode.FORMAT_UNSUPPORTED.at(Location.startOf(file.name()), "a pipeline is one .slipway.yml, and `"
                    + nativeFile.orElseThrow().name() + "` is already read", "merge the files into one"));
        }
        if (nativeFile.isEmpty()) {
            problems.add(LintCode.FILE_EMPTY.at(Location.startOf(".slipway.yml"), "no pipeline file was given",
                    "add a .slipway.yml to the repository's root"));
            return new Loaded(Optional.empty(), problems);
        }
        PipelineFile file = nativeFile.get();
        SourceFile.Read read = SourceFile.read(file.name(), file.text());
        problems.addAll(read.problems());
        if (read.root().isEmpty()) {
            return new Loaded(Optional.empty(), problems);
        }
        SlipwayFormat.Result result = SlipwayFormat.read(file.name(), read.root().get());
        problems.addAll(result.problems());
        result.pipeline().ifPresent(p -> problems.addAll(PipelineLint.check(p)));
        return new Loaded(result.pipeline(), problems);
    }

    /** What {@code event} does with a pipeline, ignoring lint problems (for explaining a broken file). */
    public static Decision decide(Pipeline pipeline, Event event) {
        return EventMatcher.decide(pipeline, event);
    }

    /** What {@code event} does with a loaded pipeline: an error decision when it cannot run. */
    public static Decision decide(Loaded loaded, Event event) {
        if (!loaded.isRunnable()) {
            return errored(loaded);
        }
        return EventMatcher.decide(loaded.pipeline().orElseThrow(), event);
    }

    /** The decision and, when it is to run, the plan. */
    public static PlanResult plan(Loaded loaded, Event event, PlanContext context) {
        Decision decision = decide(loaded, event);
        if (!decision.runs()) {
            return new PlanResult(decision, Optional.empty(), loaded.problems());
        }
        BuildPlan plan = PlanCompiler.compile(loaded.pipeline().orElseThrow(), event, decision, context, loaded.warnings());
        return new PlanResult(decision, Optional.of(plan), loaded.problems());
    }

    /** Loads and plans in one call. */
    public static PlanResult plan(List<PipelineFile> files, Event event, PlanContext context) {
        return plan(load(files), event, context);
    }

    private static Decision errored(Loaded loaded) {
        List<Problem> errors = loaded.errors();
        if (errors.isEmpty()) {
            return new Decision(Decision.Verdict.ERROR, "lint", "errored: no pipeline could be read", List.of());
        }
        Problem first = errors.getFirst();
        return new Decision(Decision.Verdict.ERROR, "lint", "errored: the pipeline has " + errors.size()
                + (errors.size() == 1 ? " error" : " errors") + "; the first is " + first.code() + " at " + first.location()
                + ": " + first.message(), List.of());
    }
}
