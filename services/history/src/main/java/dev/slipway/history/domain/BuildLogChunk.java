package dev.slipway.history.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A batch of output lines of one step.
 *
 * <p>Build output is whatever the step's process wrote, and PostgreSQL text, which chunks were
 * stored as before they were packed, cannot hold the NUL character; such characters become U+FFFD
 * here, so that one odd byte never makes a chunk (and with it the rest of the build's history)
 * impossible to store, and a log served as text never carries one.
 *
 * @param sequence the chunk's number within the build, from 0
 * @param step     the step that wrote it
 * @param lines    the lines, without line ends
 */
public record BuildLogChunk(UUID buildId, long sequence, String step, List<String> lines) {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    public BuildLogChunk {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(step, "step");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
        }
        lines = lines == null ? List.of() : lines.stream().map(BuildLogChunk::storable).toList();
    }

    private static String storable(String line) {
        if (line == null) {
            return "";
        }
        return line.indexOf(NUL) < 0 ? line : line.replace(NUL, REPLACEMENT);
    }
}
