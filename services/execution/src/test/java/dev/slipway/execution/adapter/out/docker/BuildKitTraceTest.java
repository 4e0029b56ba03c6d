package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildKitTraceTest {

    private static final String CONTEXT = "sha256:1be2caa7138c791dc0a1314a0a766d0363a1bdd70f24cb1228c49f7a335f427b";
    private static final String FROM = "sha256:08a03f3ffe5fba421a6403c31e153425ced631d108868f30e04985f99d69326e";
    private static final String RUN = "sha256:7b7087d26c9e9a7add8fc63d8603e674710279a2f463e4ae9bf8708dad0522c2";
    private static final long SECOND = 1_785_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final BuildKitTrace trace = new BuildKitTrace(lines::add);

    @Test
    void numbersEachStepOnceAndEndsItAsDoneCachedOrFailed() {
        // Verifies the plain progress of a build: a step is named once however often it is reported, numbered in
        // the order it first appears, and ends in DONE with its seconds, CACHED, or ERROR with BuildKit's words.
        trace.accept(response(vertex(CONTEXT, "[internal] load remote build context", false, null, null, null)));
        trace.accept(response(vertex(CONTEXT, "[internal] load remote build context", false, at(SECOND, 0), null,
                null)));
        trace.accept(response(vertex(CONTEXT, "[internal] load remote build context", false, at(SECOND, 0),
                at(SECOND, 250_000_000), null), vertex(FROM, "[1/2] FROM docker.io/library/busybox:latest", true,
                at(SECOND, 0), at(SECOND, 1_000), null)));
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), at(SECOND + 2, 0),
                "executor failed running [/bin/sh -c make]: exit code: 2")));
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), at(SECOND + 2, 0),
                "executor failed running [/bin/sh -c make]: exit code: 2")));

        assertThat(lines).containsExactly(
                "#1 [internal] load remote build context",
                "#1 DONE 0.3s",
                "#2 [1/2] FROM docker.io/library/busybox:latest",
                "#2 CACHED",
                "#3 [2/2] RUN make",
                "#3 ERROR: executor failed running [/bin/sh -c make]: exit code: 2");
    }

    @Test
    void joinsAStepsOutputIntoLinesUnderItsNumber() {
        // Verifies a step's output: pieces that cut lines are joined, \r\n ends a line too, and the step's last
        // line without an end is emitted when the step completes, before its DONE.
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), null, null)));
        trace.accept(response(log(RUN, "compiling a"), log(RUN, "pp.c\r\nlinking")));
        trace.accept(response(log(RUN, " app\n"), log(RUN, "done, no newline")));
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), at(SECOND, 40_000_000), null)));

        assertThat(lines).containsExactly(
                "#1 [2/2] RUN make",
                "#1 compiling app.c",
                "#1 linking app",
                "#1 done, no newline",
                "#1 DONE 0.0s");
    }

    @Test
    void finishEmitsWhatIsLeftOfEveryStepsLastLine() {
        // Verifies finish: a build that ends before its step reports completion loses no output.
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), null, null), log(RUN, "half a line")));

        trace.finish();
        trace.finish();

        assertThat(lines).containsExactly("#1 [2/2] RUN make", "#1 half a line");
    }

    @Test
    void namesAStepOnlyOnceItStarts() {
        // Verifies that steps BuildKit lists before it gets to them are named in the order they start, not listed.
        trace.accept(response(vertex(FROM, "[1/2] FROM busybox", false, null, null, null),
                vertex(RUN, "[2/2] RUN make", false, null, null, null)));
        trace.accept(response(vertex(RUN, "[2/2] RUN make", false, at(SECOND, 0), null, null)));
        trace.accept(response(vertex(FROM, "[1/2] FROM busybox", true, at(SECOND, 0), at(SECOND, 0), null)));

        assertThat(lines).containsExactly("#1 [2/2] RUN make", "#2 [1/2] FROM busybox", "#2 CACHED");
    }

    @Test
    void skipsFieldsItDoesNotRead() {
        // Verifies that the statuses of transfers, warnings and unknown fields of every wire type are skipped.
        Proto status = new Proto().string(1, "exporting layers").string(2, RUN).varint(4, 10).varint(5, 20);
        Proto vertex = new Proto().string(1, RUN).string(2, FROM).string(3, "[2/2] RUN make").fixed64(9)
                .fixed32(10).message(8, new Proto().string(1, "group")).message(5, at(SECOND, 0));
        trace.accept(new Proto().message(2, status).message(1, vertex).message(4, new Proto().string(1, RUN))
                .varint(15, 7).bytes());

        assertThat(lines).containsExactly("#1 [2/2] RUN make");
    }

    @Test
    void refusesBytesThatAreNotAMessage() {
        // Verifies malformed progress: a length past the end, a varint cut short, and wire type 7.
        byte[] tooLong = {0x0a, 0x10, 0x0a, 0x01};
        byte[] cutVarint = {0x0a, (byte) 0x80};
        byte[] wireTypeSeven = {0x0f, 0x00};

        assertThatThrownBy(() -> trace.accept(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past its message");
        assertThatThrownBy(() -> trace.accept(cutVarint)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trace.accept(wireTypeSeven)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wire type 7");
        assertThat(lines).isEmpty();
    }

    static byte[] response(Proto... parts) {
        Proto response = new Proto();
        for (Proto part : parts) {
            response.message(part.field, part);
        }
        return response.bytes();
    }

    static Proto vertex(String digest, String name, boolean cached, Proto started, Proto completed, String error) {
        Proto vertex = new Proto(1).string(1, digest).string(3, name);
        if (cached) {
            vertex.varint(4, 1);
        }
        if (started != null) {
            vertex.message(5, started);
        }
        if (completed != null) {
            vertex.message(6, completed);
        }
        if (error != null) {
            vertex.string(7, error);
        }
        return vertex;
    }

    static Proto log(String digest, String text) {
        return new Proto(3).string(1, digest).message(2, at(SECOND, 0)).varint(3, 1).string(4, text);
    }

    static Proto at(long seconds, int nanos) {
        return new Proto().varint(1, seconds).varint(2, nanos);
    }

    /** Writes protobuf's wire format, for the messages these tests feed. */
    static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int field;

        Proto() {
            this(0);
        }

        /** A message that goes into its parent as {@code field}. */
        Proto(int field) {
            this.field = field;
        }

        Proto varint(int number, long value) {
            writeVarint(number << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int number, String value) {
            return raw(number, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int number, Proto message) {
            return raw(number, message.bytes());
        }

        Proto fixed64(int number) {
            writeVarint(number << 3 | 1);
            out.writeBytes(new byte[8]);
            return this;
        }

        Proto fixed32(int number) {
            writeVarint(number << 3 | 5);
            out.writeBytes(new byte[4]);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Proto raw(int number, byte[] value) {
            writeVarint(number << 3 | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                out.write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
