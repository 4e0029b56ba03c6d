package dev.slipway.cli;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.PlanContext;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway plan}: the decision for an event, and the build it would run. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what an event would do with a pipeline: the decision (run or skip, the rule, the reason, "
                + "each step's match) and the plan (the steps of each stage, the images built, and what is pushed "
                + "where under which tags).",
                "Nothing runs and no server is asked. The build id, number, time and repository come from options "
                        + "with fixed defaults, so the same command always prints the same plan."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the event was decided: to run (a plan is printed) or to skip",
                "1:the pipeline has errors, so the build would error",
                "2:the command line is wrong, or a file is missing or unreadable"})
final class PlanCommand implements Callable<Integer> {

    private final PipelineLocator locator;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EventOptions eventOptions;

    @Mixin
    private BuildContextOptions contextOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Labels.class,
            description = "text, or json for the decision, the plan and the problems as the library writes them. "
                    + "Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Mixin
    private OnePipelineArguments arguments;

    PlanCommand(PipelineLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        Event event = eventOptions.event(spec.commandLine());
        PlanContext context = contextOptions.context(spec.commandLine());
        List<PipelineFile> pipeline = arguments.pipeline(locator, spec.commandLine());
        Pipelines.PlanResult result = Pipelines.plan(Pipelines.load(pipeline), event, context);

        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            out.print(result.toJson());
        } else {
            out.println("Event: " + event.describe() + " at commit " + event.commit());
            DecisionText.print(result.decision(), out);
            result.plan().ifPresent(plan -> PlanText.print(plan, out));
            printProblems(result.problems(), pipeline, out);
        }
        out.flush();
        return result.decision().verdict() == Decision.Verdict.ERROR ? SlipwayCli.PIPELINE_HAS_ERRORS : 0;
    }

    /** Warnings travel with a plan, and errors are why there is none; both belong under it. */
    static void printProblems(List<Problem> problems, List<PipelineFile> pipeline, PrintWriter out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println("Problems (" + ProblemText.count(problems) + "):");
        ProblemText.inFileOrder(problems, pipeline.stream().map(PipelineFile::name).toList())
                .forEach(p -> ProblemText.print(p, out));
    }
}
