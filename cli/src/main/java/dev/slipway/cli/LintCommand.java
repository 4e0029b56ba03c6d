package dev.slipway.cli;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.PipelineFiles;
import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.lint.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slipway lint}: every problem of the pipeline files, and an exit code a CI job can use. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks pipeline files and prints each problem as `file:line:col: severity code: message`, "
                + "with its hint on the next line.",
                "Each .slipway.yml is checked on its own; Codeship files in one directory are checked together."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be printed)", "1:at least one error",
                "2:the command line is wrong, or a file is missing or unreadable"})
final class LintCommand implements Callable<Integer> {

    private final PipelineLocator locator;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = {"Pipeline files, or directories to look in. Default: " + PipelineFiles.NATIVE
                    + " in the current directory, or else codeship-services.yml with codeship-steps.yml (or .json)."})
    private List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Labels.class,
            description = "text, or json for an array of problems. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    LintCommand(PipelineLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        List<List<PipelineFile>> pipelines = locator.pipelines(files, spec.commandLine());
        List<String> fileOrder = pipelines.stream().flatMap(List::stream).map(PipelineFile::name).toList();
        List<Problem> problems = new ArrayList<>();
        for (List<PipelineFile> pipeline : pipelines) {
            problems.addAll(Pipelines.load(pipeline).problems());
        }
        problems = ProblemText.inFileOrder(problems, fileOrder);

        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            out.print(ProblemText.json(problems));
        } else {
            problems.forEach(p -> ProblemText.print(p, out));
            out.println(String.join(", ", fileOrder) + ": " + ProblemText.count(problems));
        }
        out.flush();
        return problems.stream().anyMatch(Problem::isError) ? SlipwayCli.PIPELINE_HAS_ERRORS : 0;
    }
}
