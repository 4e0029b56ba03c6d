package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.model.StreamType;
import dev.slipway.execution.application.port.out.OutputListener;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A container's output read as timestamped log messages ({@link LogFrames}), possibly over several
 * reads, into lines without a gap or a repeat. Pure: the backend does the reading.
 *
 * <p>Why more than one read: a follow of the engine's json-file log can end before the log does
 * (dockerd 20.10 ends it when the container exits while the reader is momentarily caught up, and
 * may end it when it meets a line being written). So after a follow ends, the backend compares the
 * log's last frame ({@code tail=1}) with the last one followed, and when they differ reads again
 * from a little before the last second it saw. The engine's {@code since} has a resolution of one
 * second, so this keeps a count of the frames followed per second, for the last few seconds, and
 * skips that many frames of the new read: the engine returns the same frames in the same order,
 * since both reads come from one file.
 *
 * <p>Each message starts with the engine's timestamp ({@code 2026-11-29T12:24:09.123456789Z }),
 * which is taken off before the rest goes to {@link LogLines}.
 */
final class FollowedLog {

    /** How far before the last second seen a new read starts, for frames the engine stamped out of order. */
    static final int MARGIN_SECONDS = 2;

    private static final int SECOND_KEY_LENGTH = "2026-11-29T12:24:09".length();

    private final LogLines lines;
    private final TreeMap<Long, Integer> followedPerSecond = new TreeMap<>();
    private byte[] lastFrame;
    private byte[] secondKey = new byte[0];
    private long second = Long.MIN_VALUE;
    private long countingSecond = Long.MIN_VALUE;
    private int countingCount;
    private long rereadFrom = Long.MIN_VALUE;
    private int toSkip;
    private long taken;

    FollowedLog(OutputListener output) {
        this.lines = new LogLines(output);
    }

    /** Takes the next whole message of a read: one an earlier read already delivered is skipped. */
    void accept(StreamType stream, byte[] payload) {
        int stampEnd = stampEnd(payload);
        long frameSecond = stampEnd < 0 ? Long.MIN_VALUE : secondOf(payload, stampEnd);
        if (frameSecond < rereadFrom) {
            return;
        }
        if (toSkip > 0) {
            toSkip--;
            return;
        }
        if (frameSecond == countingSecond) {
            countingCount++;
        } else {
            count();
            countingSecond = frameSecond;
            countingCount = 1;
        }
        lastFrame = payload;
        taken++;
        int start = stampEnd < 0 ? 0 : stampEnd + 1;
        lines.accept(stream, payload, start, payload.length - start);
    }

    /** Whether {@code last}, the log's last message as the engine has it now, is the last one taken. */
    boolean endsWith(byte[] last) {
        return lastFrame != null && Arrays.equals(lastFrame, last);
    }

    /** How many frames were taken so far. */
    long taken() {
        return taken;
    }

    /**
     * Prepares for a new read of the whole log from the returned second on ({@code since}, in
     * seconds of the epoch; 0 for all of it): the frames already taken from then on are skipped.
     */
    long rereadSince() {
        if (lastFrame == null) {
            rereadFrom = Long.MIN_VALUE;
            toSkip = 0;
            return 0;
        }
        count();
        countingSecond = Long.MIN_VALUE;
        long latest = followedPerSecond.lastKey();
        rereadFrom = latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - MARGIN_SECONDS;
        toSkip = followedPerSecond.tailMap(rereadFrom, true).values().stream().mapToInt(Integer::intValue).sum();
        return Math.max(0, rereadFrom);
    }

    /** Adds the frames of the second being counted to the per-second counts, which keep the last few seconds. */
    private void count() {
        if (countingCount > 0) {
            followedPerSecond.merge(countingSecond, countingCount, Integer::sum);
            countingCount = 0;
            while (followedPerSecond.size() > MARGIN_SECONDS + 2) {
                followedPerSecond.pollFirstEntry();
            }
        }
    }

    /** Emits the unfinished last line of each stream, once the container has stopped and its log is read. */
    void finish() {
        lines.finish();
    }

    /** Where the timestamp ends (the space after it), or -1 when the frame does not start with one. */
    private static int stampEnd(byte[] payload) {
        if (payload.length <= SECOND_KEY_LENGTH || payload[4] != '-' || payload[10] != 'T') {
            return -1;
        }
        for (int i = SECOND_KEY_LENGTH; i < Math.min(payload.length, 40); i++) {
            if (payload[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The second of a frame's timestamp, parsed only when it differs from the previous frame's. */
    private long secondOf(byte[] payload, int stampEnd) {
        if (Arrays.equals(payload, 0, SECOND_KEY_LENGTH, secondKey, 0, secondKey.length)) {
            return second;
        }
        secondKey = Arrays.copyOf(payload, SECOND_KEY_LENGTH);
        try {
            second = OffsetDateTime.parse(new String(payload, 0, stampEnd, StandardCharsets.US_ASCII)).toEpochSecond();
        } catch (DateTimeParseException e) {
            second = Long.MIN_VALUE;
        }
        return second;
    }

}
