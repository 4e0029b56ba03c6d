package dev.slipway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code slipway}: the top command, and the process entry point. */
@Command(name = "slipway", mixinStandardHelpOptions = true, versionProvider = SlipwayCli.Version.class,
        description = "Checks Slipway pipeline files and shows what an event would do with them, without a server.",
        subcommands = {LintCommand.class, PlanCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the files have no errors (lint); the event was decided, to run or to skip (plan, explain)",
                "1:the pipeline has errors, so a build of it would error",
                "2:the command line is wrong: an unknown option, a bad value, a missing file",
                "3:slipway itself failed (a bug: please report it with the output)"})
public final class SlipwayCli implements Runnable {

    static final int PIPELINE_HAS_ERRORS = 1;
    static final int USAGE = 2;
    static final int INTERNAL_ERROR = 3;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Path.of("").toAbsolutePath()).execute(args));
    }

    /**
     * The command line, resolving relative file names and finding default files in
     * {@code workingDirectory}; tests pass a temporary directory and their own writers.
     */
    static CommandLine commandLine(Path workingDirectory) {
        CommandLine commandLine = new CommandLine(SlipwayCli.class, new Factory(new PipelineLocator(workingDirectory)));
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: lint, plan or explain");
    }

    /** Creates the commands with the locator that knows the working directory. */
    private record Factory(PipelineLocator locator) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == LintCommand.class) {
                return type.cast(new LintCommand(locator));
            }
            if (type == PlanCommand.class) {
                return type.cast(new PlanCommand(locator));
            }
            if (type == ExplainCommand.class) {
                return type.cast(new ExplainCommand(locator));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /**
     * A wrong command line gets one line saying what is wrong, a suggestion for a mistyped option,
     * and where to find the usage; not the whole usage text, which would bury the message.
     */
    private static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException failure, String[] args) {
            CommandLine commandLine = failure.getCommandLine();
            PrintWriter err = commandLine.getErr();
            err.println("slipway: " + failure.getMessage());
            UnmatchedArgumentException.printSuggestions(failure, err);
            err.println("Run `" + commandLine.getCommandSpec().qualifiedName() + " --help` for the options.");
            err.flush();
            return USAGE;
        }
    }

    /** The library never throws for what a file says, so anything that escapes is a bug of ours. */
    private static final class InternalErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception failure, CommandLine commandLine,
                                            CommandLine.ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            err.println("slipway: internal error, please report it with this output:");
            failure.printStackTrace(err);
            err.flush();
            return INTERNAL_ERROR;
        }
    }

    /** The version from the jar's manifest, which Maven writes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SlipwayCli.class.getPackage().getImplementationVersion();
            return new String[] {"slipway " + (version == null ? "(development build)" : version),
                    "Java " + Runtime.version()};
        }
    }
}
