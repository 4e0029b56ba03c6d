package dev.slipway.execution.adapter.out.docker;

import dev.slipway.execution.application.port.out.OutputListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns BuildKit's progress, as the engine streams it during a build ({@code moby.buildkit.trace}
 * items, each a protobuf {@code StatusResponse}), into plain output lines. Pure: it never talks to
 * the engine.
 *
 * <p>Each step of the build (a vertex) gets a number in the order it starts, and its lines
 * read as the docker CLI's plain progress does:
 * <pre>
 * #4 [builder 2/3] RUN make
 * #4 compiling...
 * #4 DONE 1.2s
 * #5 [runtime 2/2] COPY --from=builder /app /app
 * #5 CACHED
 * </pre>
 * A step that fails ends in {@code #N ERROR: <message>}. A step's output comes in pieces that may
 * cut a line; a line is emitted once its end arrives, when its step completes, or at {@link #finish}.
 *
 * <p>Only the fields read here are decoded: a vertex's digest (1), name (3), cached flag (4),
 * start (5), completion (6) and error (7); a log's vertex (1) and bytes (4). Anything else, such
 * as the progress of transfers, is skipped by its wire type.
 */
final class BuildKitTrace {

    private final OutputListener output;
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Set<String> announced = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private final Map<String, StringBuilder> partialLines = new LinkedHashMap<>();

    BuildKitTrace(OutputListener output) {
        this.output = output;
    }

    /**
     * Takes one {@code StatusResponse}.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed message
     */
    void accept(byte[] statusResponse) {
        Wire message = new Wire(statusResponse, 0, statusResponse.length);
        while (message.hasMore()) {
            int tag = message.tag();
            switch (tag) {
                case 1 << 3 | Wire.BYTES -> vertex(message.message());
                case 3 << 3 | Wire.BYTES -> log(message.message());
                default -> message.skip(tag);
            }
        }
    }

    /** Emits what is left of every step's last line. */
    void finish() {
        for (String vertex : partialLines.keySet().toArray(String[]::new)) {
            endPartialLine(vertex);
        }
    }

    private void vertex(Wire vertex) {
        String digest = "";
        String name = null;
        boolean cached = false;
        Long started = null;
        Long completed = null;
        String error = null;
        while (vertex.hasMore()) {
            int tag = vertex.tag();
            switch (tag) {
                case 1 << 3 | Wire.BYTES -> digest = vertex.string();
                case 3 << 3 | Wire.BYTES -> name = vertex.string();
                case 4 << 3 | Wire.VARINT -> cached = vertex.varint() != 0;
                case 5 << 3 | Wire.BYTES -> started = nanos(vertex.message());
                case 6 << 3 | Wire.BYTES -> completed = nanos(vertex.message());
                case 7 << 3 | Wire.BYTES -> error = vertex.string();
                default -> vertex.skip(tag);
            }
        }
        // A step is named once it starts (or is found cached): BuildKit lists steps before it gets to them.
        if (name != null && !name.isEmpty() && (started != null || completed != null) && announced.add(digest)) {
            output.onLine(prefix(digest) + name);
        }
        if (completed == null || ended.contains(digest)) {
            return;
        }
        ended.add(digest);
        endPartialLine(digest);
        if (error != null && !error.isEmpty()) {
            output.onLine(prefix(digest) + "ERROR: " + error);
        } else if (cached) {
            output.onLine(prefix(digest) + "CACHED");
        } else {
            output.onLine(prefix(digest) + "DONE " + seconds(started, completed));
        }
    }

    private void log(Wire log) {
        String digest = "";
        byte[] bytes = null;
        while (log.hasMore()) {
            int tag = log.tag();
            switch (tag) {
                case 1 << 3 | Wire.BYTES -> digest = log.string();
                case 4 << 3 | Wire.BYTES -> bytes = log.bytes();
                default -> log.skip(tag);
            }
        }
        if (bytes == null || bytes.length == 0) {
            return;
        }
        StringBuilder partial = partialLines.computeIfAbsent(digest, key -> new StringBuilder());
        String text = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            partial.append(text, start, newline);
            emitLine(digest, partial);
            start = newline + 1;
        }
        partial.append(text, start, text.length());
    }

    private void endPartialLine(String digest) {
        StringBuilder partial = partialLines.remove(digest);
        if (partial != null && !partial.isEmpty()) {
            emitLine(digest, partial);
        }
    }

    private void emitLine(String digest, StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        output.onLine(prefix(digest) + line.substring(0, end));
        line.setLength(0);
    }

    private String prefix(String digest) {
        return "#" + numbers.computeIfAbsent(digest, key -> numbers.size() + 1) + " ";
    }

    private static String seconds(Long started, Long completed) {
        long nanos = started == null ? 0 : Math.max(0, completed - started);
        return String.format(Locale.ROOT, "%.1fs", nanos / (double) Duration.ofSeconds(1).toNanos());
    }

    /** A {@code google.protobuf.Timestamp} as nanoseconds since the epoch. */
    private static long nanos(Wire timestamp) {
        long seconds = 0;
        long nanos = 0;
        while (timestamp.hasMore()) {
            int tag = timestamp.tag();
            switch (tag) {
                case 1 << 3 | Wire.VARINT -> seconds = timestamp.varint();
                case 2 << 3 | Wire.VARINT -> nanos = timestamp.varint();
                default -> timestamp.skip(tag);
            }
        }
        return seconds * 1_000_000_000L + nanos;
    }

    /** A reader of protobuf's wire format over part of an array. */
    private static final class Wire {

        static final int VARINT = 0;
        static final int FIXED64 = 1;
        static final int BYTES = 2;
        static final int FIXED32 = 5;

        private final byte[] bytes;
        private int position;
        private final int end;

        Wire(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.position = from;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int tag() {
            long tag = varint();
            if (tag <= 0 || tag > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("not a protobuf field tag: " + tag);
            }
            return (int) tag;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("a protobuf varint runs past its message");
                }
                byte next = bytes[position++];
                value |= (long) (next & 0x7f) << shift;
                if (next >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a protobuf varint is longer than ten bytes");
        }

        Wire message() {
            int length = length();
            Wire inner = new Wire(bytes, position, position + length);
            position += length;
            return inner;
        }

        byte[] bytes() {
            int length = length();
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        String string() {
            int length = length();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case BYTES -> advance(length());
                case FIXED32 -> advance(4);
                default -> throw new IllegalArgumentException("unknown protobuf wire type " + (tag & 7));
            }
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new IllegalArgumentException("a protobuf field of " + length + " bytes runs past its message");
            }
            return (int) length;
        }

        private void advance(int count) {
            if (count > end - position) {
                throw new IllegalArgumentException("a protobuf field runs past its message");
            }
            position += count;
        }
    }
}
