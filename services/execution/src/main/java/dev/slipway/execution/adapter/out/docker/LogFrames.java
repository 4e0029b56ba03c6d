package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.model.StreamType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the engine's multiplexed log stream (a container without a TTY) one message at a time:
 * each message comes as an 8-byte header (the stream, three zero bytes, the length as a 32-bit
 * big-endian number) followed by that many bytes. Pure over an {@link InputStream}.
 *
 * <p>docker-java's own reader hands out whatever each socket read returned, which can cut a message
 * in two; the backend needs whole messages, since each starts with its timestamp.
 */
final class LogFrames {

    /** Receives one whole message. */
    @FunctionalInterface
    interface Receiver {
        void message(StreamType stream, byte[] payload);
    }

    private static final int HEADER = 8;

    private LogFrames() {
    }

    /**
     * Reads messages until the stream ends.
     *
     * @throws EOFException when the stream ends inside a message
     */
    static void read(InputStream in, Receiver receiver) throws IOException {
        byte[] header = new byte[HEADER];
        while (true) {
            int read = in.readNBytes(header, 0, HEADER);
            if (read == 0) {
                return;
            }
            if (read < HEADER) {
                throw new EOFException("the engine's log stream ended inside a message header");
            }
            int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            if (length < 0) {
                throw new IOException("the engine's log stream announced a message of " + Integer.toUnsignedLong(length)
                        + " bytes");
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("the engine's log stream ended inside a message of " + length + " bytes");
            }
            receiver.message(stream(header[0]), payload);
        }
    }

    private static StreamType stream(byte type) {
        return switch (type) {
            case 0 -> StreamType.STDIN;
            case 1 -> StreamType.STDOUT;
            case 2 -> StreamType.STDERR;
            default -> StreamType.RAW;
        };
    }
}
