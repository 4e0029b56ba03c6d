package dev.slipway.execution.domain;

import java.time.Duration;

/** Durations as people write them in messages: {@code 1h30m}, {@code 10m}, {@code 45s}, {@code 250ms}. */
public final class DurationWords {

    private DurationWords() {
    }

    public static String of(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder words = new StringBuilder();
        if (duration.toHours() > 0) {
            words.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            words.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            words.append(duration.toSecondsPart()).append('s');
        }
        return words.toString();
    }
}
