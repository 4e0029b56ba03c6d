package dev.slipway.model.build;

import dev.slipway.model.Fields;
import java.util.List;
import java.util.UUID;

/**
 * A batch of output lines of one step, with secrets already masked.
 *
 * @param step     the step's name
 * @param sequence the chunk's number within the build, from 0 without gaps
 * @param lines    the lines, without their line ends
 */
public record LogChunk(UUID buildId, String step, long sequence, List<String> lines) implements BuildLogEvent {

    public LogChunk {
        Fields.required(buildId, "buildId");
        Fields.text(step, "step");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be 0 or more, was " + sequence);
        }
        lines = Fields.listOrEmpty(lines);
    }
}
