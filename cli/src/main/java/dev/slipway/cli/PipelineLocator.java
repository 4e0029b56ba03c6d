package dev.slipway.cli;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.PipelineFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Finds and reads the pipeline files a command is about. The library never touches the disk, so
 * this is where a missing or unreadable file is caught, as a usage error.
 *
 * <p>Files keep the name the user typed (relative to the working directory), because that name is
 * what every problem's {@code file:line:col} shows and what an editor can open.
 */
final class PipelineLocator {

    private final Path workingDirectory;

    PipelineLocator(Path workingDirectory) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /**
     * The pipelines named by {@code arguments}, each as its files: every native file is a pipeline
     * of its own, Codeship files in one directory form one pipeline, and a directory stands for
     * the pipeline found in it. With no arguments, the pipeline of the working directory.
     */
    List<List<PipelineFile>> pipelines(List<String> arguments, CommandLine commandLine) {
        List<String> names = arguments.isEmpty() ? found(".", commandLine) : expanded(arguments, commandLine);
        List<List<PipelineFile>> pipelines = new ArrayList<>();
        Map<Path, List<PipelineFile>> codeshipByDirectory = new LinkedHashMap<>();
        for (String name : names) {
            PipelineFile file = read(name, commandLine);
            if (file.isCodeship()) {
                Path directory = resolve(name).getParent();
                List<PipelineFile> pair = codeshipByDirectory.get(directory);
                if (pair == null) {
                    pair = new ArrayList<>();
                    codeshipByDirectory.put(directory, pair);
                    pipelines.add(pair);
                }
                pair.add(file);
            } else {
                pipelines.add(new ArrayList<>(List.of(file)));
            }
        }
        return pipelines.stream().map(List::copyOf).toList();
    }

    /** The one pipeline that {@code plan} and {@code explain} work on. */
    List<PipelineFile> pipeline(List<String> arguments, CommandLine commandLine) {
        List<List<PipelineFile>> pipelines = pipelines(arguments, commandLine);
        if (pipelines.size() != 1) {
            throw new ParameterException(commandLine, "these files make " + pipelines.size() + " pipelines ("
                    + pipelines.stream().map(p -> p.getFirst().name()).toList()
                    + "); name one .slipway.yml, or one Codeship pair");
        }
        return pipelines.getFirst();
    }

    private List<String> expanded(List<String> arguments, CommandLine commandLine) {
        List<String> names = new ArrayList<>();
        for (String argument : arguments) {
            if (Files.isDirectory(resolve(argument))) {
                names.addAll(found(argument, commandLine));
            } else {
                names.add(argument);
            }
        }
        return names;
    }

    /** The pipeline files of a directory, by the names above. */
    private List<String> found(String directory, CommandLine commandLine) {
        Path dir = resolve(directory);
        List<String> chosen = PipelineFiles.choose(n -> Files.isRegularFile(dir.resolve(n)));
        if (chosen.isEmpty()) {
            throw new ParameterException(commandLine, "no pipeline file in " + (directory.equals(".")
                    ? "the current directory (" + dir + ")" : directory) + ": looked for " + PipelineFiles.LOOKED_FOR
                    + "; name the file to read");
        }
        return chosen.stream().map(n -> display(directory, n)).toList();
    }

    private static String display(String directory, String fileName) {
        return Path.of(directory).resolve(fileName).normalize().toString();
    }

    private Path resolve(String name) {
        return workingDirectory.resolve(name).normalize();
    }

    private PipelineFile read(String name, CommandLine commandLine) {
        Path path = resolve(name);
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new PipelineFile(name, text);
        } catch (NoSuchFileException e) {
            throw new ParameterException(commandLine, "no such file: " + name);
        } catch (AccessDeniedException e) {
            throw new ParameterException(commandLine, "cannot read " + name + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new ParameterException(commandLine, name + " is not UTF-8 text; pipeline files are UTF-8");
        } catch (IOException e) {
            throw new ParameterException(commandLine, "cannot read " + name + ": " + e.getMessage());
        }
    }
}
