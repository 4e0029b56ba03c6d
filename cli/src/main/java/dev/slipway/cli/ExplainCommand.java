package dev.slipway.cli;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.match.Decision;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.plan.PlanJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway explain}: why an event would run or skip a pipeline, without the plan. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows the decision alone: run or skip, the rule that decided, the reason in one sentence, "
                + "and for every step whether it matches and why not.",
                "When the pipeline has errors, the build would error; explain then also shows what the rest "
                        + "of the file does with the event."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the event was decided: to run or to skip",
                "1:the pipeline has errors, so the build would error",
                "2:the command line is wrong, or a file is missing or unreadable"})
final class ExplainCommand implements Callable<Integer> {

    private final PipelineLocator locator;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EventOptions eventOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Labels.class,
            description = "text, or json for the decision as the library writes it. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Mixin
    private OnePipelineArguments arguments;

    ExplainCommand(PipelineLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        Event event = eventOptions.event(spec.commandLine());
        List<PipelineFile> pipeline = arguments.pipeline(locator, spec.commandLine());
        Pipelines.Loaded loaded = Pipelines.load(pipeline);
        Decision decision = Pipelines.decide(loaded, event);

        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            out.print(PlanJson.write(PlanJson.decision(decision)));
        } else {
            out.println("Event: " + event.describe() + " at commit " + event.commit());
            DecisionText.print(decision, out);
            if (decision.verdict() == Decision.Verdict.ERROR && loaded.pipeline().isPresent()) {
                // The errors decide, but what the rest of the file does with the event is what the
                // person asking usually wants to know next.
                out.println("Ignoring the errors (what is in error is left out; `slipway lint` lists it):");
                DecisionText.print(Pipelines.decide(loaded.pipeline().get(), event), out);
            }
        }
        out.flush();
        return decision.verdict() == Decision.Verdict.ERROR ? SlipwayCli.PIPELINE_HAS_ERRORS : 0;
    }
}
