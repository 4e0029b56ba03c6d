package dev.slipway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which files of a directory make its pipeline: {@code .slipway.yml} when it is there, else Codeship
 * Pro's {@code codeship-services.yml} and {@code codeship-steps.yml} (or their {@code .yaml} and
 * {@code .json} spellings). The CLI asks this of a directory on disk and filtering of a commit's
 * tree, so that both read the same files.
 */
public final class PipelineFiles {

    /** The native pipeline file, looked for first. */
    public static final String NATIVE = ".slipway.yml";
    /** Codeship Pro's services file, in each spelling, looked for when there is no native file. */
    public static final List<String> CODESHIP_SERVICES = List.of("codeship-services.yml", "codeship-services.yaml",
            "codeship-services.json");
    /** Codeship Pro's steps file, in each spelling. */
    public static final List<String> CODESHIP_STEPS = List.of("codeship-steps.yml", "codeship-steps.yaml",
            "codeship-steps.json");
    /** What was looked for, in words, for messages about a directory without a pipeline. */
    public static final String LOOKED_FOR = NATIVE + ", and for codeship-services.yml with codeship-steps.yml (or .json)";

    private PipelineFiles() {
    }

    /**
     * The names of the pipeline files among those for which {@code exists} holds, in reading
     * order; empty when the directory has no pipeline file.
     */
    public static List<String> choose(Predicate<String> exists) {
        if (exists.test(NATIVE)) {
            return List.of(NATIVE);
        }
        List<String> codeship = new ArrayList<>();
        first(exists, CODESHIP_SERVICES).ifPresent(codeship::add);
        first(exists, CODESHIP_STEPS).ifPresent(codeship::add);
        return List.copyOf(codeship);
    }

    private static Optional<String> first(Predicate<String> exists, List<String> candidates) {
        return candidates.stream().filter(exists).findFirst();
    }
}
