package dev.slipway.history.application.port.out;

import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.history.domain.Build;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.BuildStep;
import dev.slipway.history.domain.BuiltImage;
import dev.slipway.history.domain.PushedImage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the history's builds. Thread-safe. */
public interface BuildHistoryReader {

    /**
     * The builds that match {@code query}, newest first by creation time and then by id, starting
     * after {@code query.after()}, at most {@code max} of them.
     */
    List<Build> builds(BuildQuery query, int max);

    Optional<Build> build(UUID id);

    /** The steps of build {@code id}, by index. */
    List<BuildStep> steps(UUID id);

    /** The images build {@code id} produced, in a stable order. */
    List<BuiltImage> images(UUID id);

    /** The pushes of build {@code id}'s images, in the order they were recorded. */
    List<PushedImage> pushes(UUID id);

    /** Up to {@code max} log chunks of build {@code id} from {@code fromSequence} on, by sequence. */
    List<BuildLogChunk> logChunks(UUID id, long fromSequence, int max);

    /** Whether any log chunk of build {@code id} is stored. */
    boolean hasLogChunks(UUID id);
}
