package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.slipway.execution.application.port.out.OutputListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Cuts a container's log frames into lines. Pure: it sees frames as docker-java decoded them.
 *
 * <p>The engine frames output as the process wrote it, so a line may span frames, and a frame may
 * hold many lines or end inside a UTF-8 character. Each stream (stdout, stderr) keeps its own
 * unfinished line, so that a half-written stdout line is not spliced with a stderr line that came
 * between its parts; lines come out in the order their ends arrived. A {@code \r} before the line
 * end is dropped. What is left when the container stops comes out as a last line of its stream.
 */
final class LogLines {

    private final OutputListener output;
    private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);

    LogLines(OutputListener output) {
        this.output = output;
    }

    /** Takes the next frame. */
    void accept(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload != null) {
            accept(frame.getStreamType(), payload, 0, payload.length);
        }
    }

    /** Takes the next piece of output, {@code length} bytes of {@code bytes} from {@code offset}, of {@code stream}. */
    void accept(StreamType stream, byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        ByteArrayOutputStream line = partial.computeIfAbsent(stream, type -> new ByteArrayOutputStream());
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit(line);
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    /** Emits what is left of each stream's last line, once the container has stopped. */
    void finish() {
        for (ByteArrayOutputStream line : partial.values()) {
            if (line.size() > 0) {
                emit(line);
            }
        }
    }

    private void emit(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        output.onLine(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
