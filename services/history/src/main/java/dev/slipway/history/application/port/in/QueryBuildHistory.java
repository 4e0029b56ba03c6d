package dev.slipway.history.application.port.in;

import dev.slipway.history.domain.Build;
import dev.slipway.history.domain.BuildDetails;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.Page;
import dev.slipway.model.build.BuildStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers questions about builds and their logs. Read-only and thread-safe. */
public interface QueryBuildHistory {

    /** One page of the builds that match {@code query}, newest first. */
    Page<Build> builds(BuildQuery query);

    /**
     * The build {@code id} with its decision, steps and images.
     *
     * @throws BuildNotFoundException when the history has never heard of it
     */
    BuildDetails build(UUID id);

    /**
     * Every log chunk of build {@code id}, in sequence order.
     *
     * @throws BuildNotFoundException when the history has neither the build nor any of its output
     */
    List<BuildLogChunk> log(UUID id);

    /**
     * Hands every log chunk of build {@code id} to {@code reader}, in sequence order, reading the
     * store a page at a time, so that a log of any length is never held whole.
     *
     * @throws BuildNotFoundException before any chunk, when the history has neither the build nor
     *                                any of its output
     * @throws IOException            what {@code reader} threw; the chunks after it are not read
     */
    void readLog(UUID id, ChunkReader reader) throws IOException;

    /** Takes the chunks of a log one by one, as {@link #readLog} reads them. */
    @FunctionalInterface
    interface ChunkReader {
        void chunk(BuildLogChunk chunk) throws IOException;
    }

    /**
     * The log chunks of build {@code id} from sequence {@code fromSequence} on, at most {@code max}, in
     * sequence order; empty for a build the history does not know. Meant for polling.
     */
    List<BuildLogChunk> logFrom(UUID id, long fromSequence, int max);

    /** The status of build {@code id}, or empty when the history does not know the build. */
    Optional<BuildStatus> status(UUID id);

    /**
     * Returns normally when the history knows build {@code id} or any of its output.
     *
     * @throws BuildNotFoundException otherwise
     */
    void requireKnown(UUID id);
}
