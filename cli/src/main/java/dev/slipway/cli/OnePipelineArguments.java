package dev.slipway.cli;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.PipelineFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The file arguments of {@code plan} and {@code explain}: exactly one pipeline, found as lint finds it. */
final class OnePipelineArguments {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "The pipeline file, or a directory to look in. Default: " + PipelineFiles.NATIVE
                    + " in the current directory, or else the Codeship pair (codeship-services.yml with "
                    + "codeship-steps.yml, or .json).")
    private List<String> files = new ArrayList<>();

    /** The one pipeline the arguments name; a usage error when they name none or several. */
    List<PipelineFile> pipeline(PipelineLocator locator, CommandLine commandLine) {
        return locator.pipeline(files, commandLine);
    }
}
