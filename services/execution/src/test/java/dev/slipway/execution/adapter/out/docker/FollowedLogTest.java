package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowedLogTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-11-29T12:24:09.000000000Z");

    private final List<String> lines = new ArrayList<>();
    private final FollowedLog log = new FollowedLog(lines::add);

    @Test
    void takesTheEnginesTimestampOffEachMessage() {
        // Verifies that the timestamp the backend asks for never reaches the output, and a line split over messages joins.
        take(message(0, StreamType.STDOUT, "hello "));
        take(message(1, StreamType.STDOUT, "world\n"));
        take(message(2, StreamType.STDERR, "warning\n"));
        log.finish();

        assertThat(lines).containsExactly("hello world", "warning");
    }

    @Test
    void aReadAfterAFollowThatEndedEarlyAddsExactlyTheMissingMessages() {
        // Verifies the catch-up: the follow saw messages 0..5999 of 10,000 stamped 1 ms apart; the new read from the
        // returned second on gives the engine's messages from then, and only 6000..9999 come out again.
        List<Message> whole = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            whole.add(message(i, StreamType.STDOUT, i + "\n"));
        }
        whole.subList(0, 6000).forEach(message -> message.to(log));
        assertThat(log.endsWith(whole.getLast().payload())).isFalse();
        assertThat(log.endsWith(whole.get(5999).payload())).isTrue();

        long since = log.rereadSince();
        assertThat(since).isEqualTo(START.getEpochSecond() + 5 - FollowedLog.MARGIN_SECONDS);
        whole.stream().filter(message -> secondOf(message) >= since).forEach(message -> message.to(log));
        log.finish();

        assertThat(lines).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(lines.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(log.endsWith(whole.getLast().payload())).isTrue();
        assertThat(log.taken()).isEqualTo(10_000);
    }

    @Test
    void aReadWhenNothingWasFollowedStartsFromTheBeginning() {
        // Verifies the case where the follow delivered nothing at all: the new read is of the whole log.
        assertThat(log.rereadSince()).isZero();

        take(message(0, StreamType.STDOUT, "only line\n"));

        assertThat(lines).containsExactly("only line");
    }

    @Test
    void aSecondCatchUpSkipsWhatTheFirstOneAdded() {
        // Verifies that reads can follow one another: each skips everything taken by all the reads before it.
        List<Message> whole = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            whole.add(message(i, i % 2 == 0 ? StreamType.STDOUT : StreamType.STDERR, i + "\n"));
        }
        whole.subList(0, 1000).forEach(message -> message.to(log));
        long first = log.rereadSince();
        whole.subList(0, 2000).stream().filter(message -> secondOf(message) >= first).forEach(message -> message.to(log));
        long second = log.rereadSince();
        whole.stream().filter(message -> secondOf(message) >= second).forEach(message -> message.to(log));

        assertThat(lines).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void passesAMessageWithoutATimestampThroughWhole() {
        // Verifies that a message without a timestamp is still output, not cut.
        log.accept(StreamType.STDOUT, "plain line\n".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).containsExactly("plain line");
    }

    private void take(Message message) {
        message.to(log);
    }

    /** Message {@code index}, stamped {@code index} milliseconds after the start, as the engine sends it. */
    private static Message message(int index, StreamType stream, String text) {
        String stamp = STAMP.format(START.plusMillis(index));
        return new Message(stream, (stamp + " " + text).getBytes(StandardCharsets.UTF_8));
    }

    private static long secondOf(Message message) {
        return Instant.parse(new String(message.payload(), 0, 30, StandardCharsets.US_ASCII)).getEpochSecond();
    }

    private record Message(StreamType stream, byte[] payload) {
        void to(FollowedLog log) {
            log.accept(stream, payload);
        }
    }
}
