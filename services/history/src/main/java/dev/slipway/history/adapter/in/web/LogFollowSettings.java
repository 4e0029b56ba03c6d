package dev.slipway.history.adapter.in.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How followed logs ({@code ?follow=true}) are served, under {@code slipway.history.logs}.
 *
 * @param pollInterval how often a follower looks for new chunks and for the build's end
 * @param settle       how long a follower keeps looking after the build is final and no chunk came:
 *                     logs travel on their own topic and may land after {@code BuildFinished}
 * @param timeout      the longest a client may follow one log before the server closes the stream
 */
@ConfigurationProperties("slipway.history.logs")
record LogFollowSettings(@DefaultValue("250ms") Duration pollInterval,
                         @DefaultValue("1s") Duration settle,
                         @DefaultValue("30m") Duration timeout) {

    LogFollowSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("slipway.history.logs.poll-interval must be positive, was " + pollInterval);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("slipway.history.logs.settle must not be negative, was " + settle);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("slipway.history.logs.timeout must be positive, was " + timeout);
        }
    }
}
