package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final LogLines logLines = new LogLines(lines::add);

    @Test
    void joinsALineSplitAcrossFramesAndSplitsAFrameOfManyLines() {
        // Verifies framing does not decide lines: one line over three frames, three lines in one frame.
        out("compil");
        out("ing");
        out(" done\nok 1\nok 2\nok 3\n");

        logLines.finish();

        assertThat(lines).containsExactly("compiling done", "ok 1", "ok 2", "ok 3");
    }

    @Test
    void keepsEachStreamsUnfinishedLineApart() {
        // Verifies that a stderr line arriving in the middle of a stdout line is not spliced into it.
        out("progress: ");
        err("warning: slow disk\n");
        out("50%\n");

        assertThat(lines).containsExactly("warning: slow disk", "progress: 50%");
    }

    @Test
    void decodesAUtf8CharacterSplitBetweenFrames() {
        // Verifies that a multi-byte character cut in two by the engine's framing comes out whole.
        byte[] bytes = "grüße\n".getBytes(StandardCharsets.UTF_8);
        logLines.accept(new Frame(StreamType.STDOUT, Arrays.copyOfRange(bytes, 0, 3)));
        logLines.accept(new Frame(StreamType.STDOUT, Arrays.copyOfRange(bytes, 3, bytes.length)));

        assertThat(lines).containsExactly("grüße");
    }

    @Test
    void dropsCarriageReturnsAndEmitsALastLineWithoutItsEnd() {
        // Verifies CRLF output and a final line without a newline, emitted once the container has stopped.
        out("windows line\r\n\nlast words");
        assertThat(lines).containsExactly("windows line", "");

        logLines.finish();

        assertThat(lines).containsExactly("windows line", "", "last words");
    }

    private void out(String text) {
        logLines.accept(new Frame(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8)));
    }

    private void err(String text) {
        logLines.accept(new Frame(StreamType.STDERR, text.getBytes(StandardCharsets.UTF_8)));
    }
}
