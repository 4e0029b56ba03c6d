package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFramesTest {

    private final List<String> messages = new ArrayList<>();

    @Test
    void readsWholeMessagesEvenWhenTheSocketHandsThemOutInPieces() throws IOException {
        // Verifies the framing: stdout and stderr messages come out whole, though every read returns 3 bytes at most.
        byte[] stream = concat(frame(1, "2026-11-29T12:24:09.000000001Z hello\n"),
                frame(2, "2026-11-29T12:24:09.000000002Z oops\n"), frame(1, ""), frame(1, "x".repeat(70_000)));

        LogFrames.read(trickling(stream), (type, payload) -> messages.add(type + " "
                + new String(payload, StandardCharsets.UTF_8)));

        assertThat(messages).containsExactly("STDOUT 2026-11-29T12:24:09.000000001Z hello\n",
                "STDERR 2026-11-29T12:24:09.000000002Z oops\n", "STDOUT ", "STDOUT " + "x".repeat(70_000));
    }

    @Test
    void saysSoWhenTheStreamEndsInsideAMessage() {
        // Verifies that a cut connection is an error, never a silently shorter output.
        byte[] whole = frame(1, "a full line\n");

        assertThatThrownBy(() -> LogFrames.read(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3)),
                (type, payload) -> messages.add("unexpected")))
                .isInstanceOf(EOFException.class).hasMessageContaining("inside a message of 12 bytes");
        assertThatThrownBy(() -> LogFrames.read(new ByteArrayInputStream(Arrays.copyOf(whole, 5)),
                (type, payload) -> messages.add("unexpected")))
                .isInstanceOf(EOFException.class).hasMessageContaining("header");
        assertThat(messages).isEmpty();
    }

    @Test
    void anEmptyStreamHasNoMessages() throws IOException {
        // Verifies that a container that printed nothing gives nothing.
        LogFrames.read(InputStream.nullInputStream(), (type, payload) -> messages.add("unexpected"));

        assertThat(messages).isEmpty();
        assertThat(StreamType.values()).contains(StreamType.RAW);
    }

    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] header = {(byte) stream, 0, 0, 0, (byte) (payload.length >>> 24), (byte) (payload.length >>> 16),
            (byte) (payload.length >>> 8), (byte) payload.length};
        return concat(header, payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A stream that returns at most 3 bytes per read, as a busy socket may. */
    private static InputStream trickling(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(3, length));
            }
        };
    }
}
