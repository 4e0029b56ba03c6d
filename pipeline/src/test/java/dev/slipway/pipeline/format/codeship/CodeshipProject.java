package dev.slipway.pipeline.format.codeship;

import dev.slipway.pipeline.PipelineFile;
import dev.slipway.pipeline.Pipelines;
import dev.slipway.pipeline.golden.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads Codeship projects for tests the way the library's facade loads them: read, then the shared
 * meaning rules on the model. (Until {@code Pipelines.load} dispatches Codeship files itself, this
 * is the one place that does; the golden cases then run unchanged through the facade.)
 */
final class CodeshipProject {

    /** Where the fixtures live: the source folder, so that an update lands where git sees it. */
    static final Path RESOURCES = Fixtures.resources("codeship");

    private CodeshipProject() {
    }

    /** Loads the files through the library's facade, as filtering and the CLI do. */
    static Pipelines.Loaded load(List<CodeshipReader.Source> files) {
        return Pipelines.load(files.stream().map(f -> new PipelineFile(f.file(), f.text())).toList());
    }

    static Pipelines.Loaded load(String services, String steps) {
        return load(List.of(new CodeshipReader.Source(CodeshipReader.SERVICES_YML, services),
                new CodeshipReader.Source(CodeshipReader.STEPS_YML, steps)));
    }

    /** The Codeship files of a fixture directory, named as a repository would name them. */
    static List<CodeshipReader.Source> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> CodeshipReader.isCodeshipFile(f.getFileName().toString()))
                    .sorted()
                    .map(f -> new CodeshipReader.Source(f.getFileName().toString(), read(f)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        return Fixtures.read(file);
    }

}
